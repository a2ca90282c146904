using MLExt.Neural;

namespace MLExt.Tests.Neural.Graphs;

/// <summary>
/// Training's backward pass of a graph skips every dL/dx that reaches no parameter: on each input branch the
/// first parametrised layer computes only its parameter gradients and the parameter-free layers before it are
/// not run backward.
/// </summary>
public sealed class GraphParametersOnlyTests
{
    /// <summary>Counts its backward calls; y = x.</summary>
    private sealed class Probe : Layer
    {
        public int Full, ParametersOnly;
        protected override int[] OnBuild(int[] inputShape, RandomSource random) => inputShape;
        public override Tensor Forward(Tensor input, bool training) => input;
        public override Tensor Backward(Tensor outputGradient) { Full++; return outputGradient; }
        internal override void BackwardParametersOnly(Tensor outputGradient) => ParametersOnly++;
        public override LayerConfig GetConfig() => new("Probe");
    }

    /// <summary>A dense layer that counts which backward it gets.</summary>
    private sealed class CountingDense(int units) : Layer
    {
        private readonly Dense _dense = new(units, Activation.Tanh);
        public int Full, ParametersOnly;
        public override IReadOnlyList<Parameter> Parameters => _dense.Parameters;
        protected override int[] OnBuild(int[] inputShape, RandomSource random) => _dense.Build(inputShape, random);
        public override Tensor Forward(Tensor input, bool training) => _dense.Forward(input, training);
        public override Tensor Backward(Tensor outputGradient) { Full++; return _dense.Backward(outputGradient); }
        internal override void BackwardParametersOnly(Tensor outputGradient) { ParametersOnly++; _dense.BackwardParametersOnly(outputGradient); }
        public override LayerConfig GetConfig() => new("CountingDense");
    }

    [Fact]
    public void EachInputBranchStopsAtItsFirstParametrisedLayer()
    {
        var g = new GraphBuilder();
        var (probeA, probeB, after) = (new Probe(), new Probe(), new Probe());
        var (firstA, firstB, secondA) = (new CountingDense(4), new CountingDense(4), new CountingDense(4));
        var a = g.Apply(secondA, g.Apply(firstA, g.Apply(probeA, g.Input("a", 3))));
        var b = g.Apply(firstB, g.Apply(probeB, g.Input("b", 2)));
        g.Output("y", g.Apply(after, g.Add(a, b)));
        var graph = g.Build(new RandomSource(1));
        var dy = new Tensor(2, 4);
        dy.Span.Fill(0.5f);

        graph.Forward([new Tensor(2, 3), new Tensor(2, 2)], training: true);
        graph.BackwardParametersOnly([dy]);
        Assert.Equal((0, 0), (probeA.Full, probeA.ParametersOnly));
        Assert.Equal((0, 0), (probeB.Full, probeB.ParametersOnly));
        Assert.Equal((0, 1), (firstA.Full, firstA.ParametersOnly));
        Assert.Equal((0, 1), (firstB.Full, firstB.ParametersOnly));
        Assert.Equal((1, 0), (secondA.Full, secondA.ParametersOnly));
        Assert.Equal(1, after.Full);

        graph.Backward([dy]);
        Assert.Equal((1, 1, 1, 2), (probeA.Full, probeB.Full, firstA.Full, after.Full));
    }
}
