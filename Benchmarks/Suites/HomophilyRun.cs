using MLExt.Data;
using MLExt.Neural;

namespace MLExt.Benchmarks.Suites;

/// <summary>One planted-partition graph of the homophily table, trained with each network; test accuracies.</summary>
internal static class HomophilyRun
{
    /// <summary>Accuracy on the unlabelled nodes of GCN, GAT, GraphSAGE, the MLP and label propagation.</summary>
    public static double[] Accuracies(double homophily, int seed, int epochs)
    {
        const int classes = 4, perClass = 20;
        // Noise 2.5 around unit-variance class means: features alone separate the classes only weakly.
        var g = PlantedPartition.Generate(2000, classes, 8000, homophily, 16, 2.5, seed);
        var graph = new NodeGraph(g.Features, g.FeatureCount, SparseAdjacency.FromEdges(g.NodeCount, g.Sources, g.Targets, [], undirected: true));
        // Nodes are i = class + 4·r: the first 20 of each class are labelled.
        var labels = g.Labels.Select((l, i) => i < classes * perClass ? l : -1).ToArray();
        var scores = new List<double>();
        foreach (var kind in new[] { NodeNetworkKind.Gcn, NodeNetworkKind.Gat, NodeNetworkKind.Sage, NodeNetworkKind.Mlp })
        {
            var model = NodeNetworks.Build(kind, g.FeatureCount, classes, kind == NodeNetworkKind.Gat ? 8 : 16, 0.5f, new RandomSource(seed + 10));
            var options = new TrainingOptions
            {
                NumberOfEpochs = epochs, L2Regularization = 5e-4f, Optimizer = new AdamOptimizer { LearningRate = 0.01f },
            };
            NodeTraining.Fit(model, graph, labels, options, new RandomSource(seed + 20));
            scores.Add(Accuracy(NodeTraining.ArgMax(NodeTraining.Predict(model, graph), classes), g.Labels, labels));
        }
        scores.Add(Accuracy(LabelPropagation.Predict(graph.Adjacency, labels, classes), g.Labels, labels));
        return [.. scores];
    }

    private static double Accuracy(int[] predicted, int[] truth, int[] labels)
    {
        int right = 0, count = 0;
        for (int i = 0; i < truth.Length; i++)
            if (labels[i] < 0)
            {
                count++;
                if (predicted[i] == truth[i]) right++;
            }
        return right / (double)count;
    }
}
