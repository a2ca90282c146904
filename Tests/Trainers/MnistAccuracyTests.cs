using MLExt.Data;
using MLExt.Neural;
using MLExt.Trainers;
using Microsoft.ML;
using Xunit.Abstractions;

namespace MLExt.Tests.Trainers;

/// <summary>
/// The accuracy target: the 784-256-128-10 ReLU MLP with dropout, Adam 1e-3, batch 64, on the
/// embedded MNIST split (seed 42, 8,000/2,000) reaches at least 95% test accuracy within 20 epochs.
/// The full run carries the Long trait; the default run checks a 5-epoch version against 94%.
/// </summary>
public sealed class MnistAccuracyTests(ITestOutputHelper output)
{
    [Fact]
    public void FiveEpochsReachNinetyFourPercent() => Check(epochs: 5, minimum: 0.94);

    [Fact]
    [Trait("Category", "Long")]
    public void TwentyEpochsReachNinetyFivePercent() => Check(epochs: 20, minimum: 0.95);

    private void Check(int epochs, double minimum)
    {
        var ml = new MLContext(seed: 1);
        var (train, test) = MnistDigits.Load().Split();
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.MulticlassClassification.Trainers.NeuralNetwork(new NeuralNetworkMulticlassTrainer.Options
            {
                Layers = { Layer.Dense(256, Activation.Relu), Layer.Dropout(0.2f), Layer.Dense(128, Activation.Relu) },
                Optimizer = new AdamOptimizer { LearningRate = 1e-3f },
                NumberOfEpochs = epochs,
                BatchSize = 64,
                Seed = 1,
            }));
        var model = pipeline.Fit(train.ToDataView(ml));
        var metrics = ml.MulticlassClassification.Evaluate(model.Transform(test.ToDataView(ml)));
        output.WriteLine($"{epochs} epochs: test accuracy {metrics.MicroAccuracy:P2}, log loss {metrics.LogLoss:F4}");
        Assert.True(metrics.MicroAccuracy >= minimum, $"test accuracy {metrics.MicroAccuracy:P2} < {minimum:P0} after {epochs} epochs");
    }
}
