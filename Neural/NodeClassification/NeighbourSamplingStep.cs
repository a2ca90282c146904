namespace MLExt.Neural;

/// <summary>
/// The training step of <see cref="NodeTraining.FitSampled"/>: the batch's rows name labelled nodes (column
/// <see cref="NodeColumn"/>); it samples their neighbourhoods, runs the model on the sampled subgraph's nodes and
/// edges, and takes the loss on the batch's nodes only (the first rows of the subgraph).
/// </summary>
internal sealed class NeighbourSamplingStep(Optimizer optimizer, NeighbourSampler sampler, NodeGraph graph, int[] labels) : TrainingStep
{
    /// <summary>The data column holding each row's node index.</summary>
    public const string NodeColumn = "node";

    private readonly Optimizer[] _optimizers = [optimizer];
    private readonly Tensor[] _inputs = [new Tensor(0, graph.FeatureCount)];
    private readonly Tensor[] _targets = [new Tensor(0, 1)];
    private int[] _seeds = [];

    public override IReadOnlyList<Optimizer> Optimizers => _optimizers;

    public override float Run(TrainingBatch batch)
    {
        var rows = batch.Column(NodeColumn).Span;
        if (_seeds.Length < rows.Length) _seeds = new int[rows.Length];
        for (int i = 0; i < rows.Length; i++) _seeds[i] = (int)rows[i];
        var sample = sampler.Sample(_seeds.AsSpan(0, rows.Length));
        int n = sample.Nodes.Length, width = graph.FeatureCount;
        var x = _inputs[0];
        x.Resize([n, width]);
        var y = _targets[0];
        y.Resize([n, 1]);
        for (int i = 0; i < n; i++)
        {
            int node = sample.Nodes[i];
            graph.Features.AsSpan(node * width, width).CopyTo(x.Data.AsSpan(i * width, width));
            // Only the batch's nodes (the first rows) count in the loss.
            y[i] = i < rows.Length ? labels[node] : MaskedSoftmaxCrossEntropy.IgnoreIndex;
        }
        var model = batch.Graph;
        model.Adjacency = sample.Adjacency;
        model.ZeroGradients();
        var outputs = model.Forward(_inputs, training: true);
        float loss = batch.Objective.Forward(outputs, _targets);
        batch.CheckLoss(loss);
        model.BackwardParametersOnly(batch.Objective.Backward());
        batch.Update(_optimizers[0], model.Parameters);
        return loss;
    }
}
