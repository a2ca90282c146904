namespace MLExt.Neural;

/// <summary>
/// Trains node classifiers through <see cref="TrainingLoop"/>. Full-graph (transductive): every epoch is one batch of
/// all nodes in order, the loss a softmax cross-entropy over the labelled nodes only (the others carry the
/// <see cref="MaskedSoftmaxCrossEntropy.IgnoreIndex"/> target). Mini-batch (inductive, GraphSAGE): batches of labelled
/// nodes, each trained on the subgraph of its sampled neighbourhoods (<see cref="NeighbourSampler"/>).
/// </summary>
public static class NodeTraining
{
    /// <summary>
    /// Full-graph training of <paramref name="model"/> (input <see cref="NodeNetworks.FeaturesInput"/>, output
    /// <see cref="NodeNetworks.LogitsOutput"/>) on <paramref name="graph"/>; <paramref name="labels"/> holds each node's
    /// class, or −1 for a node the loss ignores. <see cref="TrainingSettings.BatchSize"/> and
    /// <see cref="TrainingSettings.Shuffle"/> are not used (one batch of all nodes).
    /// </summary>
    /// <exception cref="ArgumentException">The labels do not fit the graph or the model's classes, or a class has no
    /// labelled node (the message names the class and the node).</exception>
    public static TrainingHistory Fit(ModelGraph model, NodeGraph graph, int[] labels, TrainingOptions options, RandomSource random)
    {
        CheckLabels(model, graph, labels);
        var data = new GraphData()
            .Add(NodeNetworks.FeaturesInput, graph.Features, graph.FeatureCount)
            .Add(Target, labels.Select(l => l < 0 ? MaskedSoftmaxCrossEntropy.IgnoreIndex : l).ToArray(), 1);
        var run = Copy(options);
        run.BatchSize = graph.NodeCount;
        run.Shuffle = false;
        model.Adjacency = graph.Adjacency;
        return TrainingLoop.Fit(model, data, null, Objective(model), run, random);
    }

    /// <summary>
    /// Mini-batch training with neighbour sampling: batches of <see cref="TrainingSettings.BatchSize"/> labelled nodes
    /// (shuffled by <paramref name="random"/>), each forward pass on the union of their sampled neighbourhoods with
    /// <paramref name="fanOuts"/>[h] neighbours drawn per node at hop h (one hop per graph layer), the loss on the batch's
    /// nodes only. Same seed, same sample, same result.
    /// </summary>
    /// <exception cref="ArgumentException">As <see cref="Fit"/>; a fan-out below 1 names its position.</exception>
    public static TrainingHistory FitSampled(ModelGraph model, NodeGraph graph, int[] labels, IReadOnlyList<int> fanOuts,
        TrainingOptions options, RandomSource random)
    {
        CheckLabels(model, graph, labels);
        var sampler = new NeighbourSampler(graph.Adjacency, fanOuts, random.Fork());
        var labelled = Enumerable.Range(0, labels.Length).Where(i => labels[i] >= 0).ToArray();
        var data = new GraphData()
            .Add(NodeNetworks.FeaturesInput, labelled.SelectMany(i => graph.Features.AsSpan(i * graph.FeatureCount, graph.FeatureCount).ToArray()).ToArray(), graph.FeatureCount)
            .Add(Target, labelled.Select(i => (float)labels[i]).ToArray(), 1)
            .Add(NeighbourSamplingStep.NodeColumn, labelled.Select(i => (float)i).ToArray(), 1);
        options.Validate(requireLoss: false, requireOptimizer: true);
        var step = new NeighbourSamplingStep(options.Optimizer, sampler, graph, labels);
        return TrainingLoop.Fit(model, data, null, Objective(model), options, random, step);
    }

    /// <summary>Class logits <c>[n, classes]</c> of every node of <paramref name="graph"/> (inference mode), row-major.
    /// Nodes added since training are scored with their edges (inductive).</summary>
    public static float[] Predict(ModelGraph model, NodeGraph graph)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(graph);
        model.Adjacency = graph.Adjacency;
        var data = new GraphData().Add(NodeNetworks.FeaturesInput, graph.Features, graph.FeatureCount);
        return TrainingLoop.Predict(model, data, Math.Max(1, graph.NodeCount))[model.OutputIndex(NodeNetworks.LogitsOutput)].Span.ToArray();
    }

    /// <summary>The class of largest logit for each node.</summary>
    public static int[] ArgMax(float[] logits, int classCount)
    {
        var result = new int[logits.Length / classCount];
        for (int i = 0; i < result.Length; i++)
            result[i] = System.Numerics.Tensors.TensorPrimitives.IndexOfMax(logits.AsSpan(i * classCount, classCount));
        return result;
    }

    private const string Target = "label";

    private static GraphObjective Objective(ModelGraph model) =>
        new(model, new OutputLoss(NodeNetworks.LogitsOutput, new MaskedSoftmaxCrossEntropy(), target: Target));

    private static TrainingOptions Copy(TrainingOptions options)
    {
        var copy = new TrainingOptions { Loss = options.Loss, Metric = options.Metric, Log = options.Log };
        options.CopySettingsTo(copy);
        return copy;
    }

    /// <summary>Checks labels against the graph and the model's output; returns the number of classes.</summary>
    internal static int CheckLabels(ModelGraph model, NodeGraph graph, int[] labels)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(labels);
        int classes = model.Outputs[model.OutputIndex(NodeNetworks.LogitsOutput)].Shape[^1];
        if (labels.Length != graph.NodeCount)
            throw new ArgumentException($"The graph has {graph.NodeCount} nodes but {labels.Length} labels were given.", nameof(labels));
        var seen = new bool[classes];
        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] >= classes)
                throw new ArgumentException($"Node {i} has class {labels[i]} but the model has {classes} classes.", nameof(labels));
            if (labels[i] >= 0) seen[labels[i]] = true;
        }
        int missing = Array.IndexOf(seen, false);
        if (missing >= 0) throw new ArgumentException($"Class {missing} has no labelled node to train on.", nameof(labels));
        return classes;
    }
}
