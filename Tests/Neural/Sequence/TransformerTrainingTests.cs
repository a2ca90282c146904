using MLExt.Neural;

namespace MLExt.Tests.Neural.Sequence;

/// <summary>
/// A one-block Transformer learns a task that needs positions to look at each other: whether a sequence of five
/// tokens out of sixteen repeats a token (half the sequences do). A linear model of the one-hot sequence cannot:
/// a repeat is a pairwise interaction, and no weighting of (position, token) indicators separates it.
/// </summary>
public sealed class TransformerTrainingTests
{
    private const int Time = 5, Vocabulary = 16;

    private static TrainingSet Repeats(int count, int seed)
    {
        var random = new RandomSource(seed);
        var x = new float[count * Time * Vocabulary];
        var y = new float[count * 2];
        var tokens = new int[Time];
        for (int i = 0; i < count; i++)
        {
            for (int t = 0; t < Time; t++)
            {
                tokens[t] = random.NextInt(Vocabulary);
                x[(i * Time + t) * Vocabulary + tokens[t]] = 1f;
            }
            y[2 * i + (tokens.Distinct().Count() < Time ? 1 : 0)] = 1f;
        }
        return new TrainingSet(x, [Time, Vocabulary], y, 2);
    }

    private static double Train(Layer[] layers, int epochs)
    {
        var network = new Network(layers);
        network.Build([Time, Vocabulary], new RandomSource(1));
        var options = new TrainingOptions
        {
            NumberOfEpochs = epochs, BatchSize = 32, Optimizer = new AdamOptimizer { LearningRate = 3e-3f },
            Loss = new SoftmaxCrossEntropy(), Metric = new AccuracyMetric(),
        };
        var history = TrainingLoop.Fit(network, Repeats(3000, 1), Repeats(500, 2), options, new RandomSource(3));
        return history.Epochs[^1].ValidationMetric!.Value;
    }

    [Fact]
    public void OneBlockLearnsWhetherATokenRepeats()
    {
        double transformer = Train([new Dense(16), new SinusoidalPositionalEncoding(), new TransformerEncoderBlock(16, 2, 32, dropout: 0f),
            new Flatten(), new Dense(2)], epochs: 25);
        double linear = Train([new Flatten(), new Dense(2)], epochs: 25);
        Assert.True(transformer > 0.95, $"Transformer validation accuracy {transformer:P1}");
        Assert.True(linear < 0.7, $"linear validation accuracy {linear:P1}");
    }
}
