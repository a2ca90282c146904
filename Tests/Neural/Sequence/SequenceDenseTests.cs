using MLExt.Neural;

namespace MLExt.Tests.Neural.Sequence;

public class SequenceDenseTests
{
    [Theory]
    [InlineData(Activation.None, true)]
    [InlineData(Activation.Gelu, true)]
    [InlineData(Activation.Softmax, false)]
    public void DenseOnSequencesConforms(Activation activation, bool useBias) =>
        LayerConformance.CheckAll(() => new Dense(3, activation, biasInitializer: new Constant(0.1f), useBias: useBias), [4, 5], 5 * 3 + (useBias ? 3 : 0));

    [Fact]
    public void EveryPositionGetsTheSameAffineMap()
    {
        var sequence = new Dense(3, Activation.Tanh, biasInitializer: new Constant(0.2f));
        Assert.Equal([4, 3], sequence.Build([4, 5], new RandomSource(7)));
        var flat = new Dense(3, Activation.Tanh, biasInitializer: new Constant(0.2f));
        flat.Build([5], new RandomSource(7));
        var x = TestTensors.Gaussian(new RandomSource(8), [2, 4, 5]);

        var y = sequence.Forward(x, training: false).Clone();
        var rows = flat.Forward(new Tensor(x.Span.ToArray(), 8, 5), training: false);

        TestTensors.AssertIdentical(new Tensor(rows.Span.ToArray(), 2, 4, 3), y, "position-wise Dense");
    }
}
