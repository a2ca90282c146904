using MLExt.Evaluation.CrossValidation;
using Microsoft.ML;

namespace MLExt.Evaluation.Importance;

/// <summary>
/// Permutation importance (Breiman 2001; Fisher et al. 2019) of the user's input columns, for any fitted model: each
/// column's values are shuffled across the rows (its link to the label broken, its distribution kept) and the model
/// rescored; the importance is the metric's drop, with a 95% interval over <see cref="PermutationImportanceOptions.Repeats"/>
/// shuffles. ML.NET's <c>PermutationFeatureImportance</c> permutes the slots of the last predictor's feature vector
/// and needs an <c>ISingleFeaturePredictionTransformer</c>; this permutes the columns the user gave, before the
/// pipeline's one-hot encoding and normalisation, so a column's slots move together.
/// </summary>
public static class PermutationImportance
{
    /// <summary>The importance of every column of <paramref name="data"/> to <paramref name="model"/>, most important
    /// first.</summary>
    /// <exception cref="ArgumentException">A column to shuffle is missing, the metric is not one of the task's, or
    /// <see cref="PermutationImportanceOptions.Repeats"/> is below 1; the message names it.</exception>
    public static IReadOnlyList<ColumnImportance> Compute(ITransformer model, IDataView data, PermutationImportanceOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Repeats < 1)
            throw new ArgumentOutOfRangeException(nameof(options.Repeats), options.Repeats, "Repeats must be at least 1.");
        var columns = options.Columns ?? data.Schema.Where(c => !c.IsHidden && c.Name != options.LabelColumnName)
            .Select(c => c.Name).ToArray();
        foreach (var name in columns)
            if (data.Schema.GetColumnOrNull(name) is null)
                throw new ArgumentException($"Column '{name}' to shuffle is not in the data.", nameof(options.Columns));
        var evaluation = new CrossValidationOptions { Task = options.Task };
        evaluation.Binary.LabelColumnName = evaluation.Multiclass.LabelColumnName = evaluation.Regression.LabelColumnName =
            options.LabelColumnName;
        string metric = options.EffectiveMetric;
        (double reference, bool higherIsBetter) = Score(model, data, evaluation, metric);
        long rows = data.GetRowCount() ?? CountRows(data);
        var results = new List<ColumnImportance>();
        for (int c = 0; c < columns.Count; c++)
        {
            var drops = new double[options.Repeats];
            for (int r = 0; r < options.Repeats; r++)
            {
                var order = Shuffle((int)rows, new Random(HashCode.Combine(options.Seed, c, r)));
                var shuffled = new PermutedColumnDataView(data, data.Schema[columns[c]], order);
                double value = Score(model, shuffled, evaluation, metric).Value;
                drops[r] = higherIsBetter ? reference - value : value - reference;
            }
            results.Add(new ColumnImportance(columns[c], new MetricSummary(metric, higherIsBetter: true, drops, reason: null)));
        }
        return [.. results.OrderByDescending(r => r.Drop.Mean)];
    }

    private static (double Value, bool HigherIsBetter) Score(ITransformer model, IDataView data, CrossValidationOptions options,
        string metric)
    {
        var result = TaskEvaluator.Evaluate(model.Transform(data), options);
        var found = result.Metrics.FirstOrDefault(m => m.Name == metric)
            ?? throw new ArgumentException($"Metric '{metric}' is not one of the {options.Task} metrics: " +
                $"{string.Join(", ", result.Metrics.Select(m => m.Name))}.", nameof(PermutationImportanceOptions.MetricName));
        return (found.Value, found.HigherIsBetter);
    }

    // Fisher–Yates: order[i] is the row whose value row i takes.
    private static int[] Shuffle(int count, Random random)
    {
        var order = Enumerable.Range(0, count).ToArray();
        for (int i = count - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order;
    }

    private static long CountRows(IDataView data)
    {
        using var cursor = data.GetRowCursor([]);
        long count = 0;
        while (cursor.MoveNext()) count++;
        return count;
    }
}
