using Microsoft.ML;
using Microsoft.ML.Data;
using MLExt.Evaluation;
using MLExt.Evaluation.CrossValidation;

namespace MLExt.AutoML;

/// <summary>
/// Greedy ensemble selection with replacement (Caruana, Niculescu-Mizil, Crew and Ksikes, "Ensemble selection from libraries of
/// models", ICML 2004; auto-sklearn's ensemble builder): start empty, and at each of <c>size</c> steps add the trial — possibly
/// one already in — whose addition makes the average of the members' held-out predictions score best; keep the best prefix.
/// A trial picked n times has weight n / steps.
/// </summary>
public static class EnsembleSelection
{
    /// <summary>Selects an ensemble from <paramref name="candidates"/>, each trial's predictions of the same rows in the same order.</summary>
    /// <param name="candidates">Trial id and its predictions: per row, binary P(positive), multiclass class probabilities, regression score.</param>
    /// <param name="labels">Per row, binary 0/1, multiclass the 0-based class index, regression the value.</param>
    /// <param name="task">The task.</param>
    /// <param name="metric">The metric to optimise.</param>
    /// <param name="size">Greedy steps (auto-sklearn's <c>ensemble_size</c>), at least 1.</param>
    /// <exception cref="ArgumentException">No candidates, a non-positive size, or predictions of different rows or widths.</exception>
    public static EnsembleSelectionResult Select(IReadOnlyList<(int TrialId, float[][] Predictions)> candidates, float[] labels,
        EvaluationTask task, ExperimentMetric metric, int size)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(labels);
        if (candidates.Count == 0)
            throw new ArgumentException("Ensemble selection needs at least one finished trial with predictions.", nameof(candidates));
        if (size < 1)
            throw new ArgumentOutOfRangeException(nameof(size), size, "The ensemble size must be at least 1.");
        int rows = labels.Length, width = candidates[0].Predictions.FirstOrDefault()?.Length ?? 0;
        foreach (var (id, predictions) in candidates)
            if (predictions.Length != rows || predictions.Any(p => p.Length != width))
                throw new ArgumentException($"Trial {id} predicted {predictions.Length} rows of other widths than the {rows} labelled rows × {width}.", nameof(candidates));

        bool higher = ExperimentMetrics.HigherIsBetter(metric);
        bool Better(double a, double b) => !double.IsNaN(a) && (double.IsNaN(b) || (higher ? a > b : a < b));
        var single = candidates.Select(c => Score(c.Predictions, labels, task, metric)).ToArray();
        int bestSingle = 0;
        for (int c = 1; c < single.Length; c++)
            if (Better(single[c], single[bestSingle])) bestSingle = c;

        var sum = new float[rows][];
        for (int r = 0; r < rows; r++) sum[r] = new float[width];
        var picks = new List<int>();
        var trajectory = new List<double>();
        var average = new float[rows][];
        for (int r = 0; r < rows; r++) average[r] = new float[width];
        for (int step = 1; step <= size; step++)
        {
            int chosen = -1;
            double chosenScore = double.NaN;
            for (int c = 0; c < candidates.Count; c++)
            {
                var predictions = candidates[c].Predictions;
                // average = (Σ picked + candidate) / step
                for (int r = 0; r < rows; r++)
                    for (int j = 0; j < width; j++)
                        average[r][j] = (sum[r][j] + predictions[r][j]) / step;
                double score = Score(average, labels, task, metric);
                if (chosen < 0 || Better(score, chosenScore))
                    (chosen, chosenScore) = (c, score);
            }
            picks.Add(chosen);
            trajectory.Add(chosenScore);
            var added = candidates[chosen].Predictions;
            for (int r = 0; r < rows; r++)
                for (int j = 0; j < width; j++)
                    sum[r][j] += added[r][j];
        }
        int length = 1;
        for (int l = 2; l <= trajectory.Count; l++)
            if (Better(trajectory[l - 1], trajectory[length - 1])) length = l;
        var members = picks.Take(length).GroupBy(c => c).OrderBy(g => candidates[g.Key].TrialId)
            .Select(g => new EnsembleSelectionMember(candidates[g.Key].TrialId, g.Count(), (double)g.Count() / length)).ToArray();
        return new EnsembleSelectionResult(members, trajectory[length - 1], candidates[bestSingle].TrialId, single[bestSingle], trajectory, rows);
    }

    /// <summary>The metric of averaged predictions, computed by MLExt.Evaluation's evaluator of the task.</summary>
    internal static double Score(float[][] predictions, float[] labels, EvaluationTask task, ExperimentMetric metric)
    {
        var ml = new MLContext(0);
        IDataView view = task switch
        {
            EvaluationTask.BinaryClassification => ml.Data.LoadFromEnumerable(predictions.Select((p, r) =>
            {
                float q = Math.Clamp(p[0], 1e-7f, 1 - 1e-7f);
                return new BinaryRow { Label = labels[r] > 0.5f, Score = MathF.Log(q / (1 - q)), Probability = p[0] };
            })),
            EvaluationTask.MulticlassClassification => ml.Data.LoadFromEnumerable(predictions.Select((p, r) => new MulticlassRow { Label = labels[r], Score = p }),
                MulticlassDefinition(predictions.FirstOrDefault()?.Length ?? 0)),
            _ => ml.Data.LoadFromEnumerable(predictions.Select((p, r) => new RegressionRow { Label = labels[r], Score = p[0] })),
        };
        var evaluation = TaskEvaluator.Evaluate(view, new CrossValidationOptions { Task = task });
        string name = ExperimentMetrics.EvaluationName(metric, task);
        return evaluation.Metrics.FirstOrDefault(m => m.Name == name)?.Value ?? double.NaN;
    }

    private static SchemaDefinition MulticlassDefinition(int classes)
    {
        var definition = SchemaDefinition.Create(typeof(MulticlassRow));
        definition[nameof(MulticlassRow.Score)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, classes);
        return definition;
    }

    private sealed class BinaryRow
    {
        public bool Label { get; set; }

        public float Score { get; set; }

        public float Probability { get; set; }
    }

    private sealed class MulticlassRow
    {
        public float Label { get; set; }

        public float[] Score { get; set; } = [];
    }

    private sealed class RegressionRow
    {
        public float Label { get; set; }

        public float Score { get; set; }
    }
}
