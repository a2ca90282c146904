using MLExt.Neural;

namespace MLExt.Tests.Neural.Graphs;

/// <summary>The README's "Model graphs" example, as written there, trains and exports.</summary>
public sealed class ReadmeGraphExampleTests
{
    [Fact]
    public void TheReadmeExampleTrainsAndExports()
    {
        const int rows = 64, length = 12, vocabulary = 50;
        var random = new RandomSource(1);
        float[] tokenIds = new float[rows * length], numbers = new float[rows * 3], labels = new float[rows * 2], amounts = new float[rows];
        for (int i = 0; i < rows; i++)
        {
            int words = 3 + random.NextInt(length - 3), label = random.NextInt(2);
            for (int t = 0; t < words; t++) tokenIds[i * length + t] = 1 + label + 2 * random.NextInt(vocabulary / 2 - 1);
            for (int j = 0; j < 3; j++) numbers[i * 3 + j] = random.NextGaussian() + label;
            labels[i * 2 + label] = 1f;
            amounts[i] = numbers[i * 3] + 0.1f * words;
        }

        // --- README example starts here ---
        var g = new GraphBuilder();
        var tokens = g.TokenInput("tokens", length);                  // token ids, 0 = padding
        var features = g.Input("numbers", 3);                         // a numeric vector
        var text = g.Apply(tokens,
            new Embedding(vocabulary, 16, paddingIndex: 0),           // emits the padding mask
            new TransformerEncoderBlock(16, heads: 2, feedForwardDim: 32),
            new TemporalMeanPooling());                               // masked mean over real tokens
        var dense = g.Apply(new Dense(8, Activation.Relu), features);
        var joined = g.Concatenate(-1, text, dense);
        var hidden = g.Apply(new Dense(16, Activation.Gelu), joined);
        g.Output("label", g.Apply(new Dense(2), hidden));             // logits
        g.Output("amount", g.Apply(new Dense(1), hidden));            // a second head
        ModelGraph model = g.Build(new RandomSource(42));

        var data = new GraphData()
            .Add("tokens", tokenIds, length)
            .Add("numbers", numbers, 3)
            .Add("label", labels, 2)                                  // targets, by output name
            .Add("amount", amounts, 1);
        var objective = new GraphObjective(model,
            new OutputLoss("label", new SoftmaxCrossEntropy()),
            new OutputLoss("amount", new MeanSquaredError(), weight: 0.5f));
        var options = new TrainingOptions { NumberOfEpochs = 5, BatchSize = 16, Optimizer = new AdamOptimizer { LearningRate = 3e-3f } };
        TrainingHistory history = TrainingLoop.Fit(model, data, validation: null, objective, options, new RandomSource(7));
        byte[] onnx = model.ExportOnnx();                             // inputs "tokens", "numbers"; outputs "label", "amount"
        // --- README example ends here ---

        Assert.True(history.Epochs[^1].TrainingLoss < history.Epochs[0].TrainingLoss);
        Assert.NotEmpty(onnx);
    }
}
