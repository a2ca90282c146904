using System.Globalization;
using System.Text;
using MLExt.Data;

namespace MLExt.Tests.Cli;

public sealed class GraphCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly string _nodes, _edges;

    public GraphCommandTests()
    {
        // A homophilous planted partition with weak features; ids are text ("n17") and labels names.
        var g = PlantedPartition.Generate(240, 3, 960, 0.9, 4, 2.0, seed: 4);
        var nodes = new StringBuilder("id,f1,f2,f3,f4,colour\n");
        for (int i = 0; i < g.NodeCount; i++)
            nodes.Append(CultureInfo.InvariantCulture, $"n{i},{string.Join(",", g.Features.Skip(i * 4).Take(4).Select(v => v.ToString("R", CultureInfo.InvariantCulture)))},{new[] { "red", "green", "blue" }[g.Labels[i]]}\n");
        _nodes = _folder.Write("nodes.csv", nodes.ToString());
        _edges = _folder.Write("edges.csv", "source,target\n" + string.Concat(g.Sources.Zip(g.Targets).Select(e => $"n{e.First},n{e.Second}\n")));
    }

    public void Dispose() => _folder.Dispose();

    private string[] Args(params string[] extra) =>
        ["graph", "--nodes", _nodes, "--edges", _edges, "--label", "colour", .. extra.Contains("--epochs") ? extra : [.. extra, "--epochs", "60"]];

    [Fact]
    public void GcnBeatsTheFeatureOnlyMlpAndPrintsBothBaselines()
    {
        var run = CliRun.Of(["--json", .. Args()]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        var models = run.Json().GetProperty("models").EnumerateArray().ToArray();
        Assert.Equal(["GCN", "MLP (features only)", "label propagation (edges only)"], models.Select(m => m.GetProperty("model").GetString()));
        double gcn = models[0].GetProperty("accuracy").GetDouble(), mlp = models[1].GetProperty("accuracy").GetDouble();
        Assert.True(gcn > mlp + 0.15, $"GCN {gcn:P1}, MLP {mlp:P1}");
        Assert.InRange(models[0].GetProperty("macroF1").GetDouble(), 0.5, 1.0);
        // Same seed, same split and figures (fit times aside).
        Assert.Equal(Normalise(run.Stdout), Normalise(CliRun.Of(["--json", .. Args()]).Stdout));
    }

    private static string Normalise(string json) => System.Text.RegularExpressions.Regex.Replace(json, "\"fitSeconds\": [0-9.eE+-]+", "");

    [Fact]
    public void SampledGraphSageRuns()
    {
        var run = CliRun.Of(["--json", .. Args("--network", "sage", "--fan-outs", "5,3", "--batch-size", "16", "--epochs", "5")]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.StartsWith("GraphSAGE (mean, sampled 5/3)", run.Json().GetProperty("models")[0].GetProperty("model").GetString());
    }

    [Fact]
    public void BadInputNamesTheRowNodeOrOption()
    {
        var unknown = _folder.Write("unknown.csv", "source,target\nn1,n2\nn1,nowhere\n");
        CliRun.Of(["graph", "--nodes", _nodes, "--edges", unknown, "--label", "colour"]).AssertFailure(1, "unknown.csv line 3", "'nowhere'", "not a node id");
        var loop = _folder.Write("loop.csv", "source,target\nn4,n4\n");
        CliRun.Of(["graph", "--nodes", _nodes, "--edges", loop, "--label", "colour"]).AssertFailure(1, "loop.csv line 2", "'n4' to itself");
        var gap = _folder.Write("gap.csv", "id,f1,colour\na,1,red\nb,,blue\n");
        CliRun.Of(["graph", "--nodes", gap, "--edges", _edges, "--label", "colour"]).AssertFailure(1, "gap.csv line 3", "node 'b'", "'f1'");
        var oneSided = _folder.Write("split.csv", "id,f1,colour,part\na,1,red,train\nb,2,blue,test\nc,3,red,test\n");
        var few = _folder.Write("few.csv", "source,target\na,b\n");
        CliRun.Of(["graph", "--nodes", oneSided, "--edges", few, "--label", "colour", "--split", "part"])
            .AssertFailure(1, "class 'blue'", "no node in the training split");
        CliRun.Of([.. Args("--network", "sage", "--fan-outs", "5,0")]).AssertFailure(1, "--fan-outs", "hop 2");
        CliRun.Of([.. Args("--network", "tree")]).AssertFailure(1, "--network", "'tree'");
    }
}
