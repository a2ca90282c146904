using System.Diagnostics;
using MLExt.Neural;

namespace MLExt.Tests.Neural.Sequence;

public sealed class RecurrentTrainingTests
{
    private const int Steps = 8, Vocabulary = 4;

    /// <summary>
    /// Toy task needing a state carried through the sequence: is the number of 1 tokens odd? Sequences of 2–8 tokens
    /// from {1, 2, 3}, right-padded with id 0 (so the padding must not flip the answer).
    /// </summary>
    private static TrainingSet ParityTask(int count, int seed)
    {
        var random = new RandomSource(seed);
        var features = new float[count * Steps];
        var targets = new float[count];
        for (int i = 0; i < count; i++)
        {
            int length = 2 + random.NextInt(Steps - 1);
            bool label = false;
            for (int t = 0; t < length; t++)
            {
                int token = 1 + random.NextInt(3);
                features[i * Steps + t] = token;
                if (token == 1) label = !label;
            }
            targets[i] = label ? 1f : 0f;
        }
        return new TrainingSet(features, [Steps], targets, 1);
    }

    [Fact]
    public void AnLstmLearnsTheParityOfATokenCount()
    {
        var network = new Network([Layer.Embedding(Vocabulary, 8, paddingIndex: 0), Layer.Lstm(16), Layer.Dense(1)]);
        network.Build([Steps], new RandomSource(1));
        var options = new TrainingOptions
        {
            NumberOfEpochs = 8, BatchSize = 32, Loss = new BinaryCrossEntropyWithLogits(),
            Optimizer = new AdamOptimizer { LearningRate = 0.01f }, Metric = new AccuracyMetric(),
        };
        var clock = Stopwatch.StartNew();
        var history = TrainingLoop.Fit(network, ParityTask(1000, 2), ParityTask(300, 3), options, new RandomSource(4));
        clock.Stop();
        double accuracy = history.Epochs[^1].ValidationMetric!.Value;
        Assert.True(accuracy >= 0.97, $"validation accuracy {accuracy:F3} after {history.Epochs.Count} epochs ({clock.Elapsed.TotalSeconds:F1}s)");
    }

    [Fact]
    public void ARecurrentNetworkIsClippedAtNormFiveUnlessTheUserSetsClipping()
    {
        var lstm = new Network([new Lstm(4), new Dense(1)]);
        var dense = new Network([new Flatten(), new Dense(1)]);
        Assert.Equal(5f, new TrainingOptions().EffectiveGradientClipNorm(lstm));
        Assert.Equal(5f, new TrainingOptions().EffectiveGradientClipNorm(new Network([Layer.Bidirectional(Layer.Gru(2)), new Dense(1)])));
        Assert.Null(new TrainingOptions().EffectiveGradientClipNorm(dense));
        Assert.Equal(2f, new TrainingOptions { GradientClipNorm = 2f }.EffectiveGradientClipNorm(lstm));
        Assert.Null(new TrainingOptions { GradientClipValue = 1f }.EffectiveGradientClipNorm(lstm));

        // With plain SGD at learning rate 1 the step is −g: a huge error moves the weights by exactly the clip norm.
        double StepNorm(float? clip)
        {
            var network = new Network([new Lstm(4), new Dense(1)]);
            network.Build([3, 2], new RandomSource(1));
            var before = network.GetWeights();
            var options = new TrainingOptions { Loss = new MeanSquaredError(), Optimizer = new SgdOptimizer { LearningRate = 1f }, GradientClipNorm = clip };
            float learningRate = 1f;
            var x = TestTensors.Gaussian(new RandomSource(2), [4, 3, 2]);
            TrainingLoop.Step(network, x, new Tensor([1e4f, -1e4f, 1e4f, -1e4f], 4, 1), options, 0, 0, ref learningRate);
            var after = network.GetWeights();
            double squares = 0;
            for (int i = 0; i < before.Length; i++)
                for (int j = 0; j < before[i].Length; j++) squares += Math.Pow(after[i][j] - (double)before[i][j], 2);
            return Math.Sqrt(squares);
        }
        Assert.Equal(TrainingOptions.RecurrentGradientClipNorm, StepNorm(null), 1e-3);
        Assert.True(StepNorm(float.MaxValue) > 100, "an explicit huge clip norm turns the default off");
    }
}
