using MLExt.Neural;

namespace MLExt.Tests.Neural.Graphs;

/// <summary>Bad graph designs fail at build with a message naming the node, layer or output and what was expected.</summary>
public sealed class GraphBuildErrorTests
{
    private static ArgumentException BuildError(Action<GraphBuilder> design)
    {
        var g = new GraphBuilder();
        design(g);
        return Assert.ThrowsAny<ArgumentException>(() => g.Build(new RandomSource(1)));
    }

    [Fact]
    public void ACycleIsRefusedNamingItsNodes()
    {
        var e = BuildError(g =>
        {
            var x = g.Input("x", 3);
            var a = g.Add(x, g.Ref("b"));
            g.Apply(new Dense(3), a, name: "b");
            g.Output("y", g.Ref("b"));
        });
        Assert.Contains("cycle", e.Message);
        Assert.Contains("'add_1' → 'b' → 'add_1'", e.Message);
    }

    [Fact]
    public void AnUnconnectedInputIsRefused()
    {
        var e = BuildError(g =>
        {
            g.Input("unused", 2);
            g.Output("y", g.Apply(new Dense(2), g.Input("x", 3)));
        });
        Assert.Contains("Input 'unused' is not connected to any output", e.Message);
    }

    [Fact]
    public void ANodeNoOutputDependsOnIsRefused()
    {
        var e = BuildError(g =>
        {
            var x = g.Input("x", 3);
            g.Apply(new Dense(2), x, name: "forgotten");
            g.Output("y", g.Apply(new Dense(2), x));
        });
        Assert.Contains("Node 'forgotten' (Dense) is computed but no output depends on it", e.Message);
    }

    [Fact]
    public void AReferenceToAMissingNodeOrOutputIsRefused()
    {
        var e = BuildError(g => g.Output("y", g.Apply(new Dense(2), g.Ref("missing"), name: "head")));
        Assert.Contains("Node 'head' (Dense) reads 'missing', which is not a node of the graph", e.Message);
        e = BuildError(g =>
        {
            g.Output("y", g.Apply(new Dense(2), g.Input("x", 3)));
            g.Output("z", g.Ref("nowhere"));
        });
        Assert.Contains("Output 'z' exposes 'nowhere', which is not a node of the graph", e.Message);
        e = BuildError(g => g.Input("x", 3));
        Assert.Contains("no output", e.Message);
    }

    [Fact]
    public void MergeInputsOfIncompatibleShapesAreRefusedNamingTheNodeAndShapes()
    {
        var e = BuildError(g =>
        {
            var a = g.Apply(new Dense(4), g.Input("a", 3), name: "left");
            var b = g.Apply(new Dense(5), g.Input("b", 3), name: "right");
            g.Output("y", g.Merge(new Add(), [a, b], name: "sum"));
        });
        Assert.Contains("Node 'sum' (Add) cannot merge 'left' [4], 'right' [5]", e.Message);
        Assert.Contains("needs inputs of one shape", e.Message);

        e = BuildError(g =>
        {
            var a = g.Input("a", 2, 3);
            var b = g.Input("b", 3, 3);
            g.Output("y", g.Concatenate(-1, a, b));
        });
        Assert.Contains("Node 'concatenate_1' (Concatenate)", e.Message);
        Assert.Contains("equal in every other dimension", e.Message);

        e = BuildError(g => g.Output("y", g.Concatenate(2, g.Input("a", 3), g.Input("b", 3))));
        Assert.Contains("axis 2 does not exist", e.Message);
    }

    [Fact]
    public void ALayerThatCannotTakeItsInputNamesTheNodeAndItsSource()
    {
        var e = BuildError(g => g.Output("y", g.Apply(new Embedding(5, 2), g.Input("image", 2, 3, 3), name: "embed")));
        Assert.Contains("Node 'embed' (Embedding) cannot take input [2, 3, 3] from 'image'", e.Message);
    }

    [Fact]
    public void ASharedLayerAppliedToInputsNeedingOtherWeightsIsRefused()
    {
        var e = BuildError(g =>
        {
            var shared = new Dense(2);
            var a = g.Apply(shared, g.Input("a", 3), name: "first");
            var b = g.Apply(shared, g.Input("b", 4), name: "second");
            g.Output("y", g.Add(a, b));
        });
        Assert.Contains("Node 'second' (Dense)", e.Message);
        Assert.Contains("first applied at 'first'", e.Message);
    }

    [Fact]
    public void ALossForAnOutputThatDoesNotExistIsRefused()
    {
        var g = new GraphBuilder();
        g.Output("label", g.Apply(new Dense(2), g.Input("x", 3)));
        var graph = g.Build(new RandomSource(1));
        var e = Assert.Throws<ArgumentException>(() => new GraphObjective(graph, new OutputLoss("score", new MeanSquaredError())));
        Assert.Contains("output 'score', which the graph does not have. Outputs: 'label'", e.Message);
        var loss = new MeanSquaredError();
        e = Assert.Throws<ArgumentException>(() => new GraphObjective(graph, new OutputLoss("label", loss), new OutputLoss("label", new MeanSquaredError())));
        Assert.Contains("Output 'label' has two losses", e.Message);
    }

    [Fact]
    public void NamesAndForeignNodesAreCheckedWhenAdded()
    {
        var g = new GraphBuilder();
        var x = g.Input("x", 3);
        Assert.Contains("already has a node named 'x'", Assert.Throws<ArgumentException>(() => g.Input("x", 2)).Message);
        var other = new GraphBuilder().Input("z", 3);
        Assert.Contains("belongs to another graph builder", Assert.Throws<ArgumentException>(() => g.Apply(new Dense(2), other)).Message);
        var merge = new Add();
        g.Merge(merge, [x, x]);
        Assert.Contains("every merge node needs a new instance", Assert.Throws<ArgumentException>(() => g.Merge(merge, [x, x])).Message);
    }

    [Fact]
    public void TrainingDataMissingAnInputColumnIsRefusedNamingIt()
    {
        var g = new GraphBuilder();
        g.Output("label", g.Apply(new Dense(1), g.Concatenate(-1, g.Input("a", 2), g.Input("b", 1))));
        var graph = g.Build(new RandomSource(1));
        var objective = new GraphObjective(graph, new OutputLoss("label", new MeanSquaredError()));
        var data = new GraphData().Add("a", new float[4], 2).Add("label", new float[2], 1);
        var options = new TrainingOptions { Optimizer = new SgdOptimizer() };
        var e = Assert.Throws<ArgumentException>(() => TrainingLoop.Fit(graph, data, null, objective, options, new RandomSource(1)));
        Assert.Contains("graph input 'b' [1] needs a column 'b'", e.Message);
        data = new GraphData().Add("a", new float[4], 2).Add("b", new float[4], 2).Add("label", new float[2], 1);
        e = Assert.Throws<ArgumentException>(() => TrainingLoop.Fit(graph, data, null, objective, options, new RandomSource(1)));
        Assert.Contains("takes rows of shape [1] but the training column 'b' has rows of shape [2]", e.Message);
    }
}
