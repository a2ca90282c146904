using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExt.AutoML;

/// <summary>
/// Parameter importance by permutation on a random-forest surrogate: ML.NET's FastForest regression (100 trees of at most 8 leaves,
/// one thread, seeded) learns the completed trials' metric from their parameters; each parameter's column is then shuffled 10 times
/// (ML.NET's <c>PermutationFeatureImportance</c>) and its importance is the mean rise of the surrogate's RMSE.
/// </summary>
/// <remarks>
/// The trial table has one column per parameter: numbers as they are (trees ignore monotone rescaling, so a log scale changes
/// nothing), choices as their index among the values seen, and an inactive conditional parameter as a value below every active one,
/// so the forest can tell "absent" apart. Importance is measured on the trials the forest was fitted on, so it says what the forest
/// uses, not what generalises; with few trials it is rough, and below <see cref="MinimumTrials"/> it is not computed.
/// </remarks>
public static class ParameterImportance
{
    /// <summary>The fewest completed trials for which importance is computed.</summary>
    public const int MinimumTrials = 8;

    /// <summary>The importance of every parameter of the completed trials in <paramref name="trials"/>, largest first; empty with fewer than <see cref="MinimumTrials"/>.</summary>
    public static IReadOnlyList<ParameterImportanceValue> Compute(IReadOnlyList<TrialRecord> trials, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(trials);
        var completed = trials.Where(t => t.Status == TrialStatus.Completed && double.IsFinite(t.Metric)).OrderBy(t => t.Id).ToArray();
        if (completed.Length < MinimumTrials)
            return [];
        var names = completed.SelectMany(t => t.Parameters.Names).Distinct().ToArray();
        var columns = names.Select(n => Encode(completed, n)).ToArray();
        var rows = completed.Select((t, i) => new TrialRow { Label = (float)t.Metric, Features = columns.Select(c => c[i]).ToArray() }).ToArray();
        var definition = SchemaDefinition.Create(typeof(TrialRow));
        definition[nameof(TrialRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, names.Length);

        var ml = new MLContext(seed);
        var data = ml.Data.LoadFromEnumerable(rows, definition);
        var forest = ml.Regression.Trainers.FastForest(new Microsoft.ML.Trainers.FastTree.FastForestRegressionTrainer.Options
        {
            NumberOfTrees = 100, NumberOfLeaves = 8, MinimumExampleCountPerLeaf = 2, NumberOfThreads = 1, Seed = seed,
            FeatureFraction = 1, LabelColumnName = nameof(TrialRow.Label), FeatureColumnName = nameof(TrialRow.Features),
        }).Fit(data);
        var statistics = ml.Regression.PermutationFeatureImportance(forest, data, nameof(TrialRow.Label), permutationCount: 10);
        var increases = statistics.Select(s => Math.Max(0, s.RootMeanSquaredError.Mean)).ToArray();
        double total = increases.Sum();
        return names.Select((n, i) => new ParameterImportanceValue(n, total > 0 ? increases[i] / total : 0, increases[i]))
            .OrderByDescending(v => v.Share).ThenBy(v => v.Parameter, StringComparer.Ordinal).ToArray();
    }

    private static float[] Encode(TrialRecord[] trials, string name)
    {
        var values = trials.Select(t => t.Parameters.TryGetValue(name, out var v) ? v : null).ToArray();
        if (values.Any(v => v is string))
        {
            var levels = values.OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();
            return values.Select(v => v is string s ? levels.IndexOf(s) : -1f).ToArray();
        }
        var numbers = values.Select(v => v is null ? double.NaN : Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var present = numbers.Where(double.IsFinite).ToArray();
        double absent = present.Length == 0 ? -1 : present.Min() - (present.Max() - present.Min() + 1);
        return numbers.Select(x => (float)(double.IsFinite(x) ? x : absent)).ToArray();
    }

    private sealed class TrialRow
    {
        public float Label { get; set; }

        public float[] Features { get; set; } = [];
    }
}
