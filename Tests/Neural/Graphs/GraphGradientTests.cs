using MLExt.Neural;

namespace MLExt.Tests.Neural.Graphs;

/// <summary>Finite-difference checks of model graphs: merges, fan-out, shared layers, masks, several inputs and outputs.</summary>
public sealed class GraphGradientTests
{
    public static TheoryData<string> Merges() =>
        ["add", "add-three", "add-same-node-twice", "subtract", "multiply", "multiply-three", "average-three", "concatenate-last", "concatenate-first", "split"];

    private static ModelGraph MergeGraph(string name)
    {
        var g = new GraphBuilder();
        var a = g.Input("a", 2, 3);
        var b = g.Input("b", 2, 3);
        var c = g.Input("c", 2, 3);
        var merged = name switch
        {
            "add" => g.Add(a, b),
            "add-three" => g.Add(a, b, c),
            "add-same-node-twice" => g.Add(a, a, b),
            "subtract" => g.Subtract(a, b),
            "multiply" => g.Multiply(a, b),
            "multiply-three" => g.Multiply(a, b, c),
            "average-three" => g.Average(a, b, c),
            "concatenate-last" => g.Concatenate(-1, a, g.Slice(b, -1, 1, 2), c),
            "concatenate-first" => g.Concatenate(0, a, g.Slice(b, 0, 1, 1), c),
            _ => g.Multiply(g.Split(a, axis: 1, parts: 3, size: 1)),
        };
        // Every input reaches the output (an unused one would be refused at build).
        if (name is "add" or "subtract" or "multiply" or "add-same-node-twice") merged = g.Concatenate(0, merged, c);
        if (name == "split") merged = g.Concatenate(0, merged, g.Slice(b, 1, 0, 1), g.Slice(c, 1, 2, 1));
        g.Output("y", merged);
        return g.Build(new RandomSource(1));
    }

    [Theory]
    [MemberData(nameof(Merges))]
    public void MergesMatchFiniteDifferences(string merge) => GraphConformance.CheckAll(merge, _ => MergeGraph(merge));

    [Fact]
    public void ATwoInputTwoOutputGraphMatchesFiniteDifferences() =>
        GraphConformance.CheckAll("text and numbers", random =>
        {
            var g = new GraphBuilder();
            var tokens = g.TokenInput("tokens", 5);
            var numbers = g.Input("numbers", 3);
            var text = g.Apply(tokens, new Embedding(7, 4, paddingIndex: 0), new Lstm(3, returnSequences: true), new TemporalMeanPooling());
            var dense = g.Apply(new Dense(4, Activation.Tanh), numbers);
            var joined = g.Concatenate(-1, text, dense);
            var hidden = g.Apply(new Dense(6, Activation.Gelu), joined);
            g.Output("class", g.Apply(new Dense(3), hidden));
            var halves = g.Split(hidden, axis: 0, parts: 2, size: 3);
            g.Output("value", g.Apply(new Dense(1), g.Multiply(halves)));
            return g.Build(random);
        });

    [Fact]
    public void ASharedLayerSumsTheGradientsOfItsApplications()
    {
        static ModelGraph Siamese(RandomSource random)
        {
            var g = new GraphBuilder();
            var shared = new Dense(3, Activation.Tanh);
            var left = g.Apply(shared, g.Input("left", 4));
            var right = g.Apply(shared, g.Input("right", 4));
            var difference = g.Subtract(left, right);
            g.Output("distance", g.Apply(new Dense(1), g.Multiply(difference, difference)));
            return g.Build(random);
        }

        var graph = GraphConformance.CheckAll("Siamese", Siamese);
        // One set of weights: the shared layer's kernel and bias once, then the head's.
        Assert.Equal(2, graph.Layers.Count);
        Assert.Equal(4, graph.Parameters.Count);
        Assert.Equal(4 * 3 + 3 + 3 + 1, graph.ParameterCount);
        Assert.Contains("(shared)", graph.Summary());
    }

    [Fact]
    public void ASharedLayerGetsTheSumOfTheGradientsOfTwoSeparateCopies()
    {
        // The same graph with two separate Dense layers holding equal weights: the shared layer's gradient is their sum.
        var random = new RandomSource(5);
        var x1 = TestTensors.Gaussian(random, [2, 4]);
        var x2 = TestTensors.Gaussian(random, [2, 4]);
        var dy = TestTensors.Gaussian(random, [2, 3]);
        ModelGraph Make(Layer first, Layer second)
        {
            var g = new GraphBuilder();
            g.Output("y", g.Add(g.Apply(first, g.Input("a", 4)), g.Apply(second, g.Input("b", 4))));
            return g.Build(new RandomSource(3));
        }
        var shared = new Dense(3, Activation.Sigmoid);
        var sharedGraph = Make(shared, shared);
        var (one, two) = (new Dense(3, Activation.Sigmoid), new Dense(3, Activation.Sigmoid));
        var separate = Make(one, two);
        two.Kernel.Value.Span.Clear();
        one.Kernel.Value.Span.CopyTo(two.Kernel.Value.Span);
        shared.Kernel.Value.Span.Clear();
        one.Kernel.Value.Span.CopyTo(shared.Kernel.Value.Span);

        foreach (var graph in new[] { sharedGraph, separate })
        {
            graph.ZeroGradients();
            graph.Forward([x1, x2], training: true);
            graph.BackwardParametersOnly([dy]);
        }
        var sum = one.Kernel.Gradient.Span.ToArray().Zip(two.Kernel.Gradient.Span.ToArray(), (p, q) => p + q).ToArray();
        TestTensors.AssertClose(sum, shared.Kernel.Gradient.Span, 1e-6, "shared kernel gradient");
    }

    [Fact]
    public void ActivityTermsAreCollectedFromEveryApplication()
    {
        var g = new GraphBuilder();
        var regulariser = new ActivityRegularization(l1: 0.5f, l2: 0.25f);
        var a = g.Apply(regulariser, g.Input("a", 3));
        var b = g.Apply(regulariser, g.Input("b", 3));
        g.Output("y", g.Add(a, b));
        var graph = g.Build(new RandomSource(1));
        var x = new Tensor([1f, -2f, 0.5f, 0f, 1f, -1f], 2, 3);
        var z = new Tensor([2f, 0f, 0f, 1f, 1f, 1f], 2, 3);
        graph.Forward([x, z], training: true);
        // (0.5·Σ|x| + 0.25·Σx²)/2 for each input: (0.5·5.5 + 0.25·7.25)/2 + (0.5·5 + 0.25·7)/2
        Assert.Equal((0.5 * 5.5 + 0.25 * 7.25) / 2 + (0.5 * 5 + 0.25 * 7) / 2, graph.LossTerms, 5);
        graph.Forward([x, z], training: false);
        Assert.Equal(0f, graph.LossTerms);
        GraphConformance.CheckAll("activity terms", random =>
        {
            var b2 = new GraphBuilder();
            var shared = new ActivityRegularization(0.05f, 0.1f);
            var h = b2.Apply(new Dense(3, Activation.Tanh), b2.Input("x", 4));
            b2.Output("y", b2.Apply(new Dense(2), b2.Add(b2.Apply(shared, h), b2.Apply(shared, b2.Apply(new Dense(3), h)))));
            return b2.Build(random);
        });
    }

    [Fact]
    public void AVariationalAutoencodersKlTermIsCollectedAndDifferentiated()
    {
        // Encoder → (μ, log σ²) → sampled code → decoder; the KL term reaches the objective through LossTerms.
        static ModelGraph Vae(RandomSource random)
        {
            var g = new GraphBuilder();
            var x = g.Input("x", 5);
            var code = g.Apply(g.Apply(new Dense(6, Activation.Tanh), x), new Dense(4), new GaussianSampling(klWeight: 0.5f));
            g.Output("reconstruction", g.Apply(new Dense(5), code));
            return g.Build(random);
        }
        var graph = GraphConformance.CheckAll("variational autoencoder", Vae);
        graph.Forward([TestTensors.Gaussian(new RandomSource(1), [3, 5])], training: true);
        Assert.True(graph.LossTerms > 0, "the KL divergence of a non-standard Gaussian is positive");
    }
}
