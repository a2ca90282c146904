using MLExt.Neural;

namespace MLExt.Tests.Neural.Networks;

/// <summary>
/// Training's backward pass skips dL/dx of the network input (and parameter-free leading layers); the
/// parameter gradients must be exactly those of the full backward pass.
/// </summary>
public class BackwardParametersOnlyTests
{
    public static TheoryData<string> Networks => ["mlp", "cnn", "augmented-cnn", "gru", "lstm"];

    [Theory]
    [MemberData(nameof(Networks))]
    public void ParameterGradientsEqualThoseOfTheFullBackwardPass(string kind)
    {
        var (shape, full) = Create(kind);
        var (_, partial) = Create(kind);
        var random = new RandomSource(3);
        var x = new Tensor([4, .. shape]);
        for (int i = 0; i < x.Length; i++) x[i] = random.NextFloat() - 0.5f;
        full.Build(shape, new RandomSource(11));
        partial.Build(shape, new RandomSource(11));
        var dy = new Tensor([4, .. full.OutputShape]);
        for (int i = 0; i < dy.Length; i++) dy[i] = random.NextFloat() - 0.5f;

        full.ZeroGradients();
        full.Forward(x, training: false);
        full.Backward(dy);
        partial.ZeroGradients();
        partial.Forward(x, training: false);
        partial.BackwardParametersOnly(dy);

        Assert.Equal(full.Parameters.Count, partial.Parameters.Count);
        for (int p = 0; p < full.Parameters.Count; p++)
        {
            var expected = full.Parameters[p].Gradient.Span.ToArray();
            Assert.Contains(expected, g => g != 0f);
            Assert.Equal(expected, partial.Parameters[p].Gradient.Span.ToArray());
        }
    }

    private static (int[] Shape, Network Network) Create(string kind) => kind switch
    {
        "mlp" => ([12], new Network([Layer.Dense(8, Activation.Relu), Layer.Dense(3)])),
        "cnn" => ([2, 6, 6], new Network([Layer.Conv2D(3, 3, activation: Activation.Tanh), Layer.MaxPool2D(2), Layer.Flatten(), Layer.Dense(2)])),
        "gru" => ([5, 3], new Network([Layer.Gru(4, returnSequences: true), Layer.TemporalMeanPooling(), Layer.Dense(2)])),
        "lstm" => ([5, 3], new Network([Layer.Lstm(4), Layer.Dense(2)])),
        _ => ([1, 6, 6], new Network([Layer.RandomFlip(), Layer.Conv2D(3, 3, activation: Activation.Tanh), Layer.Flatten(), Layer.Dense(2)])),
    };
}
