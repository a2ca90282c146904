using MLExt.Neural;

namespace MLExt.Tests.Neural.Graphs;

/// <summary>
/// Two model graphs built on the same layer instances (a generator inside a GAN, a pretrained trunk in two models)
/// share the weights, while each keeps its own forward buffers: a forward of one between the forward and backward
/// of the other changes nothing.
/// </summary>
public sealed class GraphsSharingLayersTests
{
    [Fact]
    public void InterleavedForwardsOfTwoGraphsDoNotCorruptEachOthersBackward()
    {
        var trunk = new Dense(4, Activation.Tanh);
        var g1 = new GraphBuilder();
        g1.Output("y", g1.Apply(trunk, g1.Input("x", 3)));
        var first = g1.Build(new RandomSource(2));
        var g2 = new GraphBuilder();
        g2.Output("z", g2.Apply(g2.Apply(trunk, g2.Input("x", 3)), new Dense(2)));
        var second = g2.Build(new RandomSource(3));
        Assert.Same(trunk.Parameters[0], second.Parameters[0]);
        Assert.Same(trunk, second.Layers[0]);

        var random = new RandomSource(1);
        var x1 = TestTensors.Gaussian(random, [5, 3]);
        var x2 = TestTensors.Gaussian(random, [5, 3]);
        var dy = TestTensors.Gaussian(random, [5, 4]);
        first.ZeroGradients();
        first.Forward([x1], training: true);
        var expected = first.Backward([dy])[0].Clone();
        var expectedGradient = trunk.Parameters[0].Gradient.Span.ToArray();

        first.ZeroGradients();
        first.Forward([x1], training: true);
        second.Forward([x2], training: true);
        var actual = first.Backward([dy])[0];
        TestTensors.AssertClose(expected.Span, actual.Span, 1e-6, "dL/dx after an interleaved forward");
        TestTensors.AssertClose(expectedGradient, trunk.Parameters[0].Gradient.Span, 1e-6, "weight gradient after an interleaved forward");

        // The weights are one: an update through one graph shows in the other's output.
        var before = second.Forward([x2], training: false)[0].Clone();
        trunk.Parameters[0].Value.Span[0] += 1f;
        Assert.NotEqual(before.Span.ToArray(), second.Forward([x2], training: false)[0].Span.ToArray());
    }
}
