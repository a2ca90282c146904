using System.Globalization;
using MLExt.Evaluation.CrossValidation;

namespace MLExt.Evaluation.Plots;

/// <summary>Heat maps and comparison charts.</summary>
public static class MatrixPlots
{
    /// <summary>A confusion-matrix heat map: rows are actual classes (top to bottom), columns predicted ones, each cell annotated with its count.</summary>
    /// <remarks>Colour is the row-normalised fraction (recall per cell) on a fixed 0..1 scale, so small classes read as well as large ones and figures compare.</remarks>
    /// <param name="classNames">Class names in row and column order.</param>
    /// <param name="counts"><c>counts[actual][predicted]</c>.</param>
    /// <param name="title">The figure's title.</param>
    /// <exception cref="ArgumentException"><paramref name="counts"/> is not square with one row and column per class.</exception>
    public static Figure ConfusionMatrix(IReadOnlyList<string> classNames, IReadOnlyList<IReadOnlyList<double>> counts, string title = "Confusion matrix")
    {
        ArgumentNullException.ThrowIfNull(classNames);
        ArgumentNullException.ThrowIfNull(counts);
        int k = classNames.Count;
        if (counts.Count != k || counts.Any(row => row.Count != k))
            throw new ArgumentException($"The confusion counts must be {k}×{k}, one row and column per class name; got {counts.Count} rows of lengths {string.Join(", ", counts.Select(r => r.Count))}.", nameof(counts));
        var shade = new double[k, k];
        var text = new string[k, k];
        for (int a = 0; a < k; a++)
        {
            double total = counts[a].Sum();
            for (int p = 0; p < k; p++)
            {
                shade[a, p] = total == 0 ? 0 : counts[a][p] / total;
                text[a, p] = counts[a][p].ToString("0.##", CultureInfo.InvariantCulture);
            }
        }
        return new Figure(title, "Predicted class", "Actual class")
        {
            HeatMap = new HeatMap(shade, text, classNames, classNames, "Fraction of the actual class"),
            Legend = LegendPosition.None,
        };
    }

    /// <summary>One bar per model: the mean of a metric across folds with its 95% confidence interval as an error bar.</summary>
    public static Figure Comparison(string metricName, IReadOnlyList<(string Model, MetricSummary Summary)> models)
    {
        ArgumentNullException.ThrowIfNull(models);
        var figure = new Figure($"{metricName}: mean and 95% interval over folds", "Model", metricName) { Legend = LegendPosition.None };
        for (int i = 0; i < models.Count; i++)
        {
            var summary = models[i].Summary;
            figure.Bars.Add(new PlotBar(models[i].Model, summary.Mean, PlotPalette.Series(i), summary.ConfidenceLow, summary.ConfidenceHigh));
        }
        return figure;
    }
}
