using Microsoft.ML;
using MLExt.Evaluation;
using MLExt.Evaluation.Binary;
using MLExt.Evaluation.CrossValidation;
using MLExt.Evaluation.Data;
using MLExt.Evaluation.Metrics;
using MLExt.Evaluation.Multiclass;
using MLExt.Evaluation.Regression;

namespace MLExt.AutoML;

/// <summary>
/// Scores a trial's pipeline on prepared data: by k-fold cross-validation through MLExt.Evaluation's <see cref="CrossValidator"/>
/// (stratified by class for classification), or on one seeded hold-out. Each fold's held-out rows are the network's per-epoch
/// validation data; the first fold's epochs give the tuner its intermediate scores.
/// </summary>
public sealed class PipelineTrialRunner : ITrialRunner
{
    private readonly IDataView _data;
    private readonly ExperimentOptions _options;
    private readonly Func<Parameters, TrialContext, IEstimator<ITransformer>> _factory;
    private readonly CrossValidationOptions _evaluation;
    private readonly int[]? _folds;
    private readonly IDataView? _train, _test;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, float[][]> _predictions = new();
    private float[]? _labels;

    /// <summary>A runner over <paramref name="data"/>, whose label and feature columns are those of <paramref name="options"/>, ready for a trainer.</summary>
    /// <exception cref="ArgumentException">Fewer rows than folds, a missing column, or an invalid option.</exception>
    public PipelineTrialRunner(IDataView data, ExperimentOptions options, Func<Parameters, TrialContext, IEstimator<ITransformer>> factory)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(factory);
        _data = data;
        _options = options;
        _factory = factory;
        _evaluation = EvaluationOptions(options);
        if (options.NumberOfFolds >= 2)
            _folds = FoldAssigner.Assign(data, _evaluation, 0, []);
        else
        {
            var split = new MLContext(options.Seed).Data.TrainTestSplit(data, options.ValidationFraction, seed: options.Seed);
            (_train, _test) = (split.TrainSet, split.TestSet);
        }
    }

    /// <summary>The cross-validation settings of an experiment: task, label column, folds (stratified for classification), seed; one fold at a time.</summary>
    public static CrossValidationOptions EvaluationOptions(ExperimentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new CrossValidationOptions
        {
            Task = options.Task,
            NumberOfFolds = Math.Max(2, options.NumberOfFolds),
            Seed = options.Seed,
            MaxDegreeOfParallelism = 1,
            Binary = new BinaryEvaluationOptions { LabelColumnName = options.LabelColumnName },
            Multiclass = new MulticlassEvaluationOptions { LabelColumnName = options.LabelColumnName },
            Regression = new RegressionEvaluationOptions { LabelColumnName = options.LabelColumnName },
        };
    }

    /// <summary>
    /// With <see cref="ExperimentOptions.EnsembleSize"/> above 0: each trial's held-out predictions (out-of-fold with cross-validation,
    /// else of the hold-out rows), by trial id, for <see cref="EnsembleSelection"/>; see <see cref="HeldOutPredictions"/> for their form.
    /// </summary>
    public IReadOnlyDictionary<int, float[][]> Predictions => _predictions;

    /// <summary>The labels of the rows <see cref="Predictions"/> cover, in the same order.</summary>
    public float[] PredictionLabels => _labels ??= HeldOutPredictions.Labels(_test ?? _data, _options.LabelColumnName, _options.Task);

    /// <inheritdoc/>
    public TrialResult Run(TrialContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        string name = ExperimentMetrics.EvaluationName(_options.EffectiveMetric, _options.Task);
        IReadOnlyList<MetricValue> metrics;
        if (_folds is not null)
        {
            var models = new ITransformer[_evaluation.NumberOfFolds];
            var result = CrossValidator.Run(_data, fold =>
            {
                context.CancellationToken.ThrowIfCancellationRequested();
                context.Fold = fold;
                context.ValidationData = new RowSubsetDataView(_data, _folds.Select(f => f == fold).ToArray());
                var estimator = _factory(context.Parameters, context);
                return _options.EnsembleSize > 0 ? new CapturingEstimator(estimator, model => models[fold] = model) : estimator;
            }, _evaluation);
            if (_options.EnsembleSize > 0)
                KeepOutOfFold(context.TrialId, models);
            metrics = result.Summary.Select(s => new MetricValue(s.Name, s.Mean, s.HigherIsBetter, s.Reason)).ToArray();
        }
        else
        {
            context.Fold = 0;
            context.ValidationData = _test;
            var model = _factory(context.Parameters, context).Fit(_train!);
            context.CancellationToken.ThrowIfCancellationRequested();
            metrics = TaskEvaluator.Evaluate(model.Transform(_test!), _evaluation).Metrics;
            if (_options.EnsembleSize > 0)
                _predictions[context.TrialId] = HeldOutPredictions.Read(model.Transform(_test!), _options.Task);
        }
        var value = metrics.FirstOrDefault(m => m.Name == name)
            ?? throw new InvalidOperationException($"The evaluation computed no {name}.");
        if (double.IsNaN(value.Value))
            throw new InvalidOperationException($"{name} is undefined: {value.Reason}");
        return new TrialResult(value.Value, metrics, context.EpochsTrained);
    }

    // Each row's prediction by the model of the fold that held it out.
    private void KeepOutOfFold(int trialId, ITransformer[] models)
    {
        var predictions = new float[_folds!.Length][];
        for (int fold = 0; fold < models.Length; fold++)
        {
            var test = new RowSubsetDataView(_data, _folds.Select(f => f == fold).ToArray());
            var rows = HeldOutPredictions.Read(models[fold].Transform(test), _options.Task);
            int next = 0;
            for (int r = 0; r < _folds.Length; r++)
                if (_folds[r] == fold) predictions[r] = rows[next++];
        }
        _predictions[trialId] = predictions;
    }
}
