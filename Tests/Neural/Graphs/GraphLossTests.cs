using MLExt.Neural;

namespace MLExt.Tests.Neural.Graphs;

/// <summary>Several outputs with weighted losses, a user's loss, and the layers' loss terms, checked by finite differences.</summary>
public sealed class GraphLossTests
{
    private static ModelGraph TwoHeads(RandomSource random)
    {
        var g = new GraphBuilder();
        var h = g.Apply(new Dense(5, Activation.Tanh), g.Input("x", 4));
        h = g.Apply(new ActivityRegularization(l1: 0.01f, l2: 0.05f), h);
        g.Output("class", g.Apply(new Dense(3), h));
        g.Output("value", g.Apply(new Dense(2), h));
        return g.Build(random);
    }

    [Fact]
    public void AWeightedMultiOutputLossMatchesFiniteDifferences()
    {
        var graph = TwoHeads(new RandomSource(2));
        var objective = new GraphObjective(graph,
            new OutputLoss("class", new SoftmaxCrossEntropy(), weight: 0.5f, target: "label"),
            new OutputLoss("value", new LogCoshLoss(), weight: 1.5f));
        var random = new RandomSource(3);
        var x = TestTensors.Gaussian(random, [4, 4]);
        var label = new Tensor(4, 3);
        for (int i = 0; i < 4; i++) label[i * 3 + i % 3] = 1f;
        var value = TestTensors.Gaussian(random, [4, 2]);
        Tensor[] targets = [label, value];

        graph.ZeroGradients();
        float total = objective.Forward(graph.Forward([x], training: true), targets);
        Assert.Equal(0.5f * objective.LastValues[0] + 1.5f * objective.LastValues[1] + graph.LossTerms, total, 5);
        Assert.True(graph.LossTerms > 0);
        graph.BackwardParametersOnly(objective.Backward());
        var gradients = graph.Parameters.Select(p => p.Gradient.Clone()).ToArray();
        double Objective() => objective.Forward(graph.Forward([x], training: true), targets);
        for (int k = 0; k < gradients.Length; k++)
            GradientCheck.AssertMatches($"weighted two-head loss dL/d{graph.Parameters[k]}", graph.Parameters[k].Value.Data, gradients[k].Span, Objective);
    }

    [Fact]
    public void AUsersLossMatchesFiniteDifferences()
    {
        var loss = new LogCoshLoss();
        var random = new RandomSource(7);
        var prediction = TestTensors.Gaussian(random, [3, 4], scale: 2f);
        var target = TestTensors.Gaussian(random, [3, 4]);
        loss.Forward(prediction, target);
        var gradient = loss.Backward().Clone();
        GradientCheck.AssertMatches("log-cosh dL/dp", prediction.Data, gradient.Span, () => loss.Forward(prediction, target));
    }

    [Fact]
    public void AnOutputWithoutALossGetsNoGradient()
    {
        var graph = TwoHeads(new RandomSource(2));
        var objective = new GraphObjective(graph, new OutputLoss("class", new SoftmaxCrossEntropy()));
        var x = TestTensors.Gaussian(new RandomSource(1), [2, 4]);
        var label = new Tensor([1f, 0f, 0f, 0f, 1f, 0f], 2, 3);
        graph.ZeroGradients();
        objective.Forward(graph.Forward([x], training: true), [label]);
        var gradients = objective.Backward();
        Assert.Null(gradients[graph.OutputIndex("value")]);
        graph.BackwardParametersOnly(gradients);
        var valueHead = graph.Layers[^1];
        Assert.All(valueHead.Parameters, p => Assert.False(p.Gradient.Span.ContainsAnyExcept(0f)));
        Assert.True(graph.Layers[0].Parameters[0].Gradient.Span.ContainsAnyExcept(0f));
    }
}
