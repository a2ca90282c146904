using System.Diagnostics;
using MLExt.Cli.Graphs;
using MLExt.Cli.Output;
using MLExt.Neural;

namespace MLExt.Cli.Commands;

/// <summary>The body of <c>mlext graph</c>: read and check both files, train the network and the baselines, print the comparison.</summary>
internal static class GraphRunner
{
    /// <summary>Runs a validated request; returns the exit code.</summary>
    public static int Run(GraphRequest request, CliOutput output)
    {
        new CommandFiles().Input("--nodes", request.NodesPath).Input("--edges", request.EdgesPath).Check();
        var table = NodeTable.Read(request.NodesPath, request.EdgesPath, request.Label, request.Split, request.IdColumn, request.Directed,
            request.TrainPerClass, request.Seed);
        var graph = new NodeGraph(table.Features, table.FeatureNames.Length, table.Adjacency);
        int classes = table.Classes.Length, trainCount = table.Train.Count(t => t);
        output.Line($"{table.Ids.Length:N0} nodes, {table.Adjacency.EntryCount:N0} directed edge entries ({(request.Directed ? "directed" : "each edge both ways")}), " +
            $"{table.FeatureNames.Length} features, {classes} classes; {trainCount:N0} training nodes, {table.Ids.Length - trainCount:N0} test nodes" +
            (request.Split is null ? $" ({request.TrainPerClass} per class drawn with seed {request.Seed})." : $" (--split {request.Split})."));
        var labels = table.Labels.Select((l, i) => table.Train[i] ? l : -1).ToArray();

        var scores = new List<NodeScores> { Train(request, request.Network, graph, labels, table, output) };
        if (request.Network != NodeNetworkKind.Mlp) scores.Add(Train(request, NodeNetworkKind.Mlp, graph, labels, table, output));
        var clock = Stopwatch.StartNew();
        var propagated = LabelPropagation.Predict(table.Adjacency, labels, classes);
        scores.Add(NodeScores.Of("label propagation (edges only)", propagated, table.Labels, table.Train, classes, clock.Elapsed.TotalSeconds));

        output.Line();
        ReportTable.Write(output, $"Test nodes ({table.Ids.Length - trainCount:N0}):", ["model", "accuracy", "macro F1", "fit seconds"],
            scores.Select(s => new[] { s.Model, ReportTable.Figure(s.Accuracy), ReportTable.Figure(s.MacroF1), ReportTable.Seconds(s.FitSeconds) }));
        output.FinalJson(new
        {
            Command = "graph",
            Nodes = table.Ids.Length,
            EdgeEntries = table.Adjacency.EntryCount,
            Features = table.FeatureNames.Length,
            table.Classes,
            TrainNodes = trainCount,
            Network = request.Network.ToString().ToLowerInvariant(),
            request.Hidden, request.Dropout, request.Epochs, request.LearningRate, request.FanOuts, request.Seed,
            Models = scores,
        });
        return 0;
    }

    private static NodeScores Train(GraphRequest request, NodeNetworkKind kind, NodeGraph graph, int[] labels, NodeTable table, CliOutput output)
    {
        string name = kind switch
        {
            NodeNetworkKind.Gcn => "GCN",
            NodeNetworkKind.Sage => request.FanOuts is null ? "GraphSAGE (mean)" : $"GraphSAGE (mean, sampled {string.Join("/", request.FanOuts)})",
            NodeNetworkKind.Gat => "GAT (8 heads)",
            _ => "MLP (features only)",
        };
        var model = NodeNetworks.Build(kind, graph.FeatureCount, table.Classes.Length, request.Hidden, request.Dropout, new RandomSource(request.Seed));
        var options = new TrainingOptions
        {
            NumberOfEpochs = request.Epochs, L2Regularization = 5e-4f, BatchSize = request.BatchSize,
            Optimizer = new AdamOptimizer { LearningRate = request.LearningRate },
        };
        var clock = Stopwatch.StartNew();
        StatusDisplay.Run(output, $"Training {name} ...", () => request.FanOuts is { } fans && kind == NodeNetworkKind.Sage
            ? NodeTraining.FitSampled(model, graph, labels, fans, options, new RandomSource(request.Seed + 1))
            : NodeTraining.Fit(model, graph, labels, options, new RandomSource(request.Seed + 1)));
        var predicted = NodeTraining.ArgMax(NodeTraining.Predict(model, graph), table.Classes.Length);
        return NodeScores.Of(name, predicted, table.Labels, table.Train, table.Classes.Length, clock.Elapsed.TotalSeconds);
    }
}
