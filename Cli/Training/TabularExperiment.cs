using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;
using MLExt.Cli.Models;
using MLExt.Neural;
using MLExt.Trainers;

namespace MLExt.Cli.Training;

/// <summary>
/// Trains an MLExt network on a user's file: load, seeded train/test split
/// (<c>TrainTestSplit(testFraction, seed)</c>), featurise, fit, evaluate on the test part.
/// </summary>
internal sealed class TabularExperiment
{
    private readonly MLContext _mlContext;
    private readonly TabularDataset _data;
    private readonly NetworkSettings _network;
    private readonly DataOperationsCatalog.TrainTestData _split;

    /// <summary>Loads <paramref name="data"/> and splits it; fails when either part would be empty.</summary>
    public TabularExperiment(TabularDataset data, NetworkSettings network, float testFraction)
    {
        _mlContext = new MLContext(seed: network.Seed);
        _data = data;
        _split = _mlContext.Data.TrainTestSplit(data.Load(_mlContext), testFraction, seed: network.Seed);
        TrainRows = CountRows(_split.TrainSet);
        TestRows = CountRows(_split.TestSet);
        if (TrainRows == 0 || TestRows == 0)
            throw new UserException($"--test-fraction {testFraction} leaves {TrainRows} training and {TestRows} test rows of {data.File.Rows}; both need at least one");
        if (network.ValidationFraction > 0 && TrainRows < 2)
            throw new UserException($"--test-fraction {testFraction} leaves {TrainRows} training row of {data.File.Rows}; --validation-fraction " +
                $"{network.ValidationFraction} needs at least 2 (use a smaller --test-fraction, or --validation-fraction 0)");
        _network = network.ForRows(TrainRows);
    }

    /// <summary>The network settings, the batch size chosen from the training rows when none was given.</summary>
    public NetworkSettings Network => _network;

    // The column of the training rows holding the teacher's scores (mlext distill).
    private const string TeacherScoreColumn = "TeacherScore";
    private const string RawCopySuffix = "__teacher_input";
    private IDataView? _taughtTrainSet;

    /// <summary>Knowledge distillation of the multiclass network (<c>mlext distill</c>), or null.</summary>
    public DistillationOptions? Distillation { get; private set; }

    /// <summary>
    /// Teaches the network with <paramref name="teacher"/>, a model that scores this file's loader columns with a
    /// multiclass <c>Score</c>. The teacher scores the raw training rows (its own preprocessing may replace columns in
    /// place, so the loader's columns are copied aside and restored after it); the network's trainer then reads the
    /// scores from a column of the rows.
    /// </summary>
    /// <exception cref="UserException">The teacher cannot score the file or has no <c>Score</c>, naming --teacher.</exception>
    public void UseTeacher(ITransformer teacher, float temperature, float alpha)
    {
        var raw = _split.TrainSet.Schema.Where(c => !c.IsHidden).Select(c => c.Name).ToArray();
        try
        {
            var aside = Copies(raw.Select(n => (n + RawCopySuffix, n)));
            var view = teacher.Transform(aside.Fit(_split.TrainSet).Transform(_split.TrainSet));
            var back = Copies([.. raw.Select(n => (n, n + RawCopySuffix)), (TeacherScoreColumn, ColumnNames.Score)]);
            _taughtTrainSet = back.Fit(view).Transform(view);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or KeyNotFoundException)
        {
            throw new UserException($"--teacher cannot score --data's columns with a multiclass 'Score': {e.Message}");
        }
        // The rows carry the scores already: the trainer's teacher is the identity, reading TeacherScore.
        Distillation = new DistillationOptions
        {
            Teacher = new TransformerChain<ITransformer>(), TeacherScoreColumnName = TeacherScoreColumn,
            Temperature = temperature, Alpha = alpha,
        };
    }

    /// <summary>Rows in the training part.</summary>
    public long TrainRows { get; }

    /// <summary>Rows in the test part.</summary>
    public long TestRows { get; }

    /// <summary>Fits featurisation and network on the training part and evaluates on the test part.</summary>
    public TabularResult Train(IProgress<TrainingProgress>? progress)
    {
        var pipeline = _data.Featurize(_mlContext).Append(CreateTrainer(progress));
        var clock = Stopwatch.StartNew();
        var model = pipeline.Fit(_taughtTrainSet ?? _split.TrainSet);
        double seconds = clock.Elapsed.TotalSeconds;
        var scored = model.Transform(_split.TestSet);
        var metrics = TaskMetrics.Evaluate(_mlContext, _data.Task, scored, TabularDataset.LabelColumn);
        var network = (NeuralNetworkTransformer)model.LastTransformer;
        return new TabularResult(metrics, network.History, seconds, model);
    }

    /// <summary>
    /// Regression: checks the training label before any training (the trainer's own checks, so that the user sees them
    /// first): a constant label or a log scaling of a label ≤ 0 fails, naming the column; returns the warning about a
    /// few values dominating the label, or null.
    /// </summary>
    public string? CheckLabel() => CheckLabel(_data, _split.TrainSet, _network.LabelScaling);

    /// <summary>The check of <see cref="CheckLabel()"/> on any rows of <paramref name="data"/>'s loaded view.</summary>
    public static string? CheckLabel(TabularDataset data, IDataView rows, RegressionLabelScaling scaling)
    {
        if (data.Task != TaskKind.Regression) return null;
        var labels = rows.GetColumn<float>(TabularDataset.LabelColumn).ToArray();
        try
        {
            TargetScaling.Fit(labels, scaling, data.Label.Name);
        }
        catch (ArgumentException e)
        {
            throw new UserException(e.Message.Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal));
        }
        return scaling == RegressionLabelScaling.LogStandardize ? null : TargetScaling.FindDominatingValues(labels, data.Label.Name);
    }

    /// <summary>Fits <paramref name="baselines"/> on the training part (featurised the same way) and evaluates them on the test part.</summary>
    public IReadOnlyList<BaselineResult> TrainBaselines(Baselines baselines)
    {
        var results = new List<BaselineResult>();
        if (baselines.HasFlag(Baselines.Linear))
            results.Add(Fit(BaselineTrainers.LinearName(_data.Task), BaselineTrainers.Linear(_data.Task, _mlContext)));
        if (baselines.HasFlag(Baselines.Mean))
            results.Add(Fit(BaselineTrainers.MeanName(_data.Task), BaselineTrainers.Mean(_data.Task, _mlContext)));
        return results;
    }

    private BaselineResult Fit(string name, IEstimator<ITransformer> trainer)
    {
        var clock = Stopwatch.StartNew();
        var model = _data.Featurize(_mlContext).Append(trainer).Fit(_split.TrainSet);
        double seconds = clock.Elapsed.TotalSeconds;
        var metrics = TaskMetrics.Evaluate(_mlContext, _data.Task, model.Transform(_split.TestSet), TabularDataset.LabelColumn);
        return new BaselineResult(name, metrics, seconds);
    }

    private IEstimator<ITransformer> Copies(IEnumerable<(string Output, string Input)> pairs) => pairs.Aggregate(
        (IEstimator<ITransformer>)new EstimatorChain<ITransformer>(), (chain, p) => chain.Append(_mlContext.Transforms.CopyColumns(p.Output, p.Input)));

    /// <summary>A multiclass <paramref name="teacher"/>'s metrics on the test part (its labels keyed as the network's are).</summary>
    public IReadOnlyList<Metric> EvaluateTeacher(ITransformer teacher)
    {
        var labels = _mlContext.Transforms.Conversion.MapValueToKey(TabularDataset.LabelColumn,
            keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByValue).Fit(_split.TrainSet);
        return TaskMetrics.Evaluate(_mlContext, TaskKind.Multiclass, labels.Transform(teacher.Transform(_split.TestSet)), TabularDataset.LabelColumn);
    }

    /// <summary>Saves <paramref name="model"/> (from <see cref="Train"/>) for <c>mlext predict</c>; see <see cref="ModelFile.Save"/>.</summary>
    public void Save(ITransformer model, string path) => ModelFile.Save(_mlContext, model, _data, _split.TrainSet, path);

    private IEstimator<ITransformer> CreateTrainer(IProgress<TrainingProgress>? progress)
    {
        var trainers = _mlContext;
        return _data.Task switch
        {
            TaskKind.Binary => trainers.BinaryClassification.Trainers.NeuralNetwork(_network.Apply(new NeuralNetworkBinaryTrainer.Options(), progress)),
            TaskKind.Multiclass => trainers.MulticlassClassification.Trainers.NeuralNetwork(
                _network.Apply(new NeuralNetworkMulticlassTrainer.Options { Distillation = Distillation }, progress)),
            _ => trainers.Regression.Trainers.NeuralNetwork(_network.Apply(new NeuralNetworkRegressionTrainer.Options(), progress)),
        };
    }

    private static long CountRows(IDataView view)
    {
        long rows = 0;
        using var cursor = view.GetRowCursor([]);
        while (cursor.MoveNext())
            rows++;
        return rows;
    }
}
