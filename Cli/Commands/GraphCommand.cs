using System.CommandLine;
using MLExt.Neural;

namespace MLExt.Cli.Commands;

/// <summary><c>mlext graph</c>: node classification with a graph network, beside a feature-only MLP and label propagation.</summary>
internal static class GraphCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CommandContext context)
    {
        var nodes = new Option<string>("--nodes") { Description = "CSV of nodes: an id column, the label, optionally a split column; every other column is a numeric feature.", Required = true };
        var edges = new Option<string>("--edges") { Description = "CSV of edges: source id, target id (the first two columns), optionally a 'weight' column.", Required = true };
        var label = new Option<string>("--label") { Description = "The nodes file's class column.", Required = true };
        var split = new Option<string?>("--split") { Description = "The nodes file's split column (train or test per node); without it, --train-per-class nodes per class are drawn with --seed." };
        var id = new Option<string>("--id") { Description = "The nodes file's id column (ids of any form, matched as text).", DefaultValueFactory = _ => "id" };
        var directed = new Option<bool>("--directed") { Description = "Edges go from source to target only (default: both ways)." };
        var network = new Option<string>("--network") { Description = "gcn, sage, gat or mlp.", DefaultValueFactory = _ => "gcn" };
        var hidden = new Option<int>("--hidden") { Description = "Hidden units (per head for gat, eight heads).", DefaultValueFactory = _ => 16 };
        var dropout = new Option<float>("--dropout") { Description = "Dropout on inputs, hidden units and attention, in [0, 1).", DefaultValueFactory = _ => 0.5f };
        var epochs = new Option<int>("--epochs") { Description = "Training epochs (full-graph: one step each).", DefaultValueFactory = _ => 200 };
        var learningRate = new Option<float>("--learning-rate") { Description = "Adam learning rate (> 0).", DefaultValueFactory = _ => 0.01f };
        var perClass = new Option<int>("--train-per-class") { Description = "Without --split: training nodes per class.", DefaultValueFactory = _ => 20 };
        var fanOuts = new Option<string?>("--fan-outs") { Description = "sage: mini-batch training with neighbour sampling, neighbours per hop, e.g. 10,5 (one per layer)." };
        var batchSize = new Option<int>("--batch-size") { Description = "With --fan-outs: training nodes per batch.", DefaultValueFactory = _ => 64 };
        var seed = new Option<int>("--seed") { Description = "Seed of the split, initialisation, dropout and sampling.", DefaultValueFactory = _ => 1 };
        var command = new Command("graph", "Node classification: a graph network (GCN, GraphSAGE, GAT) or an MLP, with a feature-only MLP and label propagation as baselines.")
        {
            nodes, edges, label, split, id, directed, network, hidden, dropout, epochs, learningRate, perClass, fanOuts, batchSize, seed,
        };
        command.SetAction(parseResult => context.Run(parseResult, output =>
        {
            var kind = parseResult.GetValue(network)!.ToLowerInvariant() switch
            {
                "gcn" => NodeNetworkKind.Gcn,
                "sage" => NodeNetworkKind.Sage,
                "gat" => NodeNetworkKind.Gat,
                "mlp" => NodeNetworkKind.Mlp,
                var other => throw new UserException($"--network must be gcn, sage, gat or mlp, got '{other}'"),
            };
            int[]? fans = parseResult.GetValue(fanOuts) is { } text ? ParseFanOuts(text) : null;
            if (fans is not null && kind != NodeNetworkKind.Sage) throw new UserException("--fan-outs samples neighbourhoods for --network sage only");
            if (fans is not null && fans.Length != 2) throw new UserException($"--fan-outs needs one fan-out per graph layer (2), got {fans.Length}");
            float rate = parseResult.GetValue(dropout);
            if (!(rate >= 0 && rate < 1)) throw new UserException($"--dropout must be in [0, 1), got {rate}");
            var request = new GraphRequest(parseResult.GetValue(nodes)!, parseResult.GetValue(edges)!, parseResult.GetValue(label)!, parseResult.GetValue(split),
                parseResult.GetValue(id)!, parseResult.GetValue(directed), kind, OptionRules.AtLeastOne("--hidden", parseResult.GetValue(hidden)), rate,
                OptionRules.AtLeastOne("--epochs", parseResult.GetValue(epochs)), OptionRules.Positive("--learning-rate", parseResult.GetValue(learningRate)),
                OptionRules.AtLeastOne("--train-per-class", parseResult.GetValue(perClass)), fans,
                OptionRules.AtLeastOne("--batch-size", parseResult.GetValue(batchSize)), parseResult.GetValue(seed));
            return GraphRunner.Run(request, output);
        }));
        return command;
    }

    private static int[] ParseFanOuts(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var fans = new int[parts.Length];
        for (int h = 0; h < parts.Length; h++)
            if (!int.TryParse(parts[h], System.Globalization.CultureInfo.InvariantCulture, out fans[h]) || fans[h] < 1)
                throw new UserException($"--fan-outs: hop {h + 1} is '{parts[h]}'; each hop samples at least one neighbour");
        return fans;
    }
}
