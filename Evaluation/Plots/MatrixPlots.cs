using System.Globalization;
using MLExt.Evaluation.CrossValidation;
using ScottPlot;

namespace MLExt.Evaluation.Plots;

/// <summary>Heat maps and comparison charts drawn with ScottPlot.</summary>
public static class MatrixPlots
{
    /// <summary>A confusion-matrix heat map: rows are actual classes (top to bottom), columns predicted ones, each cell annotated with its count.</summary>
    /// <param name="classNames">Class names in row and column order.</param>
    /// <param name="counts"><c>counts[actual][predicted]</c>.</param>
    /// <param name="title">The figure's title.</param>
    public static Plot ConfusionMatrix(IReadOnlyList<string> classNames, IReadOnlyList<IReadOnlyList<double>> counts, string title = "Confusion matrix")
    {
        ArgumentNullException.ThrowIfNull(classNames);
        ArgumentNullException.ThrowIfNull(counts);
        int k = classNames.Count;
        var plot = CurvePlots.NewPlot(title, "Predicted class", "Actual class");
        // Row-normalised colour (recall per cell) so small classes are as readable as large ones; the text gives counts.
        var shade = new double[k, k];
        double max = 0;
        for (int a = 0; a < k; a++)
        {
            double total = counts[a].Sum();
            for (int p = 0; p < k; p++)
            {
                shade[a, p] = total == 0 ? 0 : counts[a][p] / total;
                max = Math.Max(max, shade[a, p]);
            }
        }
        var map = plot.Add.Heatmap(shade);
        map.Colormap = new ScottPlot.Colormaps.Viridis();
        map.ManualRange = new ScottPlot.Range(0, 1);
        plot.Add.ColorBar(map).Label = "Fraction of the actual class";
        // ScottPlot draws data row 0 at the top: cell (a, p) is centred at x = p, y = k − 1 − a.
        for (int a = 0; a < k; a++)
        {
            for (int p = 0; p < k; p++)
            {
                var text = plot.Add.Text(counts[a][p].ToString("0.##", CultureInfo.InvariantCulture), p, k - 1 - a);
                text.LabelAlignment = Alignment.MiddleCenter;
                text.LabelFontSize = k > 12 ? 9 : 14;
                text.LabelFontColor = shade[a, p] > 0.6 * Math.Max(max, 1e-12) ? Colors.Black : Colors.White;
            }
        }
        double[] positions = Enumerable.Range(0, k).Select(i => (double)i).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions, classNames.ToArray());
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions, classNames.Reverse().ToArray());
        return plot;
    }

    /// <summary>One bar per model: the mean of a metric across folds with its 95% confidence interval as an error bar.</summary>
    public static Plot Comparison(string metricName, IReadOnlyList<(string Model, MetricSummary Summary)> models)
    {
        ArgumentNullException.ThrowIfNull(models);
        var plot = CurvePlots.NewPlot($"{metricName}: mean and 95% interval over folds", "Model", metricName);
        for (int i = 0; i < models.Count; i++)
        {
            var summary = models[i].Summary;
            var bar = plot.Add.Bar(i, double.IsNaN(summary.Mean) ? 0 : summary.Mean);
            bar.Color = CurvePlots.Palette(i);
            if (!double.IsNaN(summary.ConfidenceLow))
            {
                var error = plot.Add.ErrorBar([(double)i], [summary.Mean], [summary.Mean - summary.ConfidenceLow]);
                error.Color = Colors.Black;
            }
        }
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, models.Count).Select(i => (double)i).ToArray(), models.Select(m => Wrap(m.Model, 18)).ToArray());
        plot.Axes.Margins(bottom: 0);
        return plot;
    }

    /// <summary>Breaks <paramref name="text"/> at spaces into lines of at most <paramref name="width"/> characters (longer words stay whole).</summary>
    internal static string Wrap(string text, int width)
    {
        var lines = new List<string>();
        string line = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                lines.Add(line);
                line = word;
            }
            else
                line = line.Length == 0 ? word : $"{line} {word}";
        }
        lines.Add(line);
        return string.Join('\n', lines);
    }
}
