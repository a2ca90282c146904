using System.Diagnostics;
using MLExt.Evaluation.Data;
using MLExt.Evaluation.Metrics;
using Microsoft.ML;

namespace MLExt.Evaluation.CrossValidation;

/// <summary>
/// Cross-validates any ML.NET estimator: k-fold, stratified, grouped or repeated, seeded, optionally in parallel;
/// per-fold metrics with mean, standard deviation and 95% interval; pooled out-of-fold curves; learning curves.
/// </summary>
public static class CrossValidator
{
    /// <summary>Cross-validates <paramref name="estimator"/> on <paramref name="data"/>.</summary>
    /// <remarks>
    /// Every fold fits the same estimator object. With <see cref="CrossValidationOptions.MaxDegreeOfParallelism"/> above 1
    /// the folds are fitted at once, which gives the sequential results when the trainer draws its randomness from its
    /// own seed (MLExt's networks, L-BFGS, the tree learners); a trainer that draws from the shared <c>MLContext</c>'s
    /// random source may differ run to run; use the overload with a factory to give each fold its own context.
    /// </remarks>
    /// <exception cref="ArgumentException">Fewer rows or groups than folds, a missing column, or an invalid option.</exception>
    public static CrossValidationResult Run(IDataView data, IEstimator<ITransformer> estimator, CrossValidationOptions options)
    {
        ArgumentNullException.ThrowIfNull(estimator);
        return Run(data, _ => estimator, options);
    }

    /// <summary>Cross-validates the estimators <paramref name="estimatorForFold"/> makes, one per fold (its argument is the fold's index over all repeats).</summary>
    /// <exception cref="ArgumentException">Fewer rows or groups than folds, a missing column, or an invalid option.</exception>
    public static CrossValidationResult Run(IDataView data, Func<int, IEstimator<ITransformer>> estimatorForFold, CrossValidationOptions options)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(estimatorForFold);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        ColumnReader.Require(data.Schema, options.LabelColumnName, "label");

        var warnings = new List<string>();
        int k = options.NumberOfFolds;
        var assignments = new int[options.Repeats][];
        for (int r = 0; r < options.Repeats; r++)
            assignments[r] = FoldAssigner.Assign(data, options, r, warnings);

        var jobs = new (int Repeat, int Fold)[options.Repeats * k];
        for (int r = 0; r < options.Repeats; r++)
            for (int f = 0; f < k; f++)
                jobs[r * k + f] = (r, f);
        var results = new FoldResult[jobs.Length];
        void RunJob(int j)
        {
            var (repeat, fold) = jobs[j];
            results[j] = RunFold(data, assignments[repeat], repeat, fold, estimatorForFold(j), options);
        }
        if (options.MaxDegreeOfParallelism == 1)
            for (int j = 0; j < jobs.Length; j++)
                RunJob(j);
        else
            Parallel.For(0, jobs.Length, new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism }, RunJob);

        foreach (var result in results)
            foreach (var warning in result.Evaluation.Warnings)
                warnings.Add($"Repeat {result.Repeat + 1}, fold {result.Fold + 1}: {warning}");
        var pooled = TaskEvaluator.Pool(results.Select(r => r.Evaluation).ToArray(), options);
        return new CrossValidationResult(options.Task, options.EffectiveStrategy, k, options.Repeats, options.Seed,
            results, Summarize(results), pooled, warnings.ToArray());
    }

    private static FoldResult RunFold(IDataView data, int[] folds, int repeat, int fold, IEstimator<ITransformer> estimator, CrossValidationOptions options)
    {
        var clock = Stopwatch.StartNew();
        var train = new RowSubsetDataView(data, folds.Select(f => f != fold).ToArray());
        var test = new RowSubsetDataView(data, folds.Select(f => f == fold).ToArray());
        long trainRows = train.GetRowCount()!.Value, testRows = test.GetRowCount()!.Value;
        if (testRows == 0 || trainRows == 0)
            throw new ArgumentException($"Repeat {repeat + 1}, fold {fold + 1} has {testRows} test and {trainRows} training rows; every fold needs both.", nameof(data));
        ITransformer model;
        try
        {
            model = estimator.Fit(train);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            throw new InvalidOperationException($"Training failed on repeat {repeat + 1}, fold {fold + 1} ({trainRows} rows): {e.Message}", e);
        }
        var evaluation = TaskEvaluator.Evaluate(model.Transform(test), options);
        return new FoldResult(repeat, fold, trainRows, testRows, evaluation, FindLearningCurve(model, options.LearningCurveExtractor), clock.Elapsed);
    }

    /// <summary>The learning curve of <paramref name="model"/> or of the first transformer in its chain that has one.</summary>
    internal static LearningCurve? FindLearningCurve(ITransformer model, Func<ITransformer, LearningCurve?>? extractor)
    {
        if (model is ILearningCurveSource { LearningCurve: { } own })
            return own;
        if (extractor?.Invoke(model) is { } extracted)
            return extracted;
        if (model is IEnumerable<ITransformer> chain)
            foreach (var inner in chain)
                if (FindLearningCurve(inner, extractor) is { } found)
                    return found;
        return null;
    }

    private static MetricSummary[] Summarize(FoldResult[] results)
    {
        // Metrics by name, in order of first appearance: a fold whose model saw fewer classes may lack a top-k metric.
        var names = results.SelectMany(r => r.Evaluation.Metrics).DistinctBy(m => m.Name).ToArray();
        var summaries = new MetricSummary[names.Length];
        for (int m = 0; m < names.Length; m++)
        {
            var values = results.Select(r => r.Evaluation.Metrics.FirstOrDefault(v => v.Name == names[m].Name)
                ?? new MetricValue(names[m].Name, double.NaN, names[m].HigherIsBetter, "not computed in this fold")).ToArray();
            var undefined = values.Where(v => double.IsNaN(v.Value)).ToArray();
            string? reason = undefined.Length == 0 ? null : $"{undefined.Length} of {values.Length} folds undefined: {undefined[0].Reason}";
            summaries[m] = new MetricSummary(names[m].Name, names[m].HigherIsBetter, values.Select(v => v.Value).ToArray(), reason);
        }
        return summaries;
    }
}
