namespace MLExt.Neural;

/// <summary>
/// One batch as a <see cref="TrainingStep"/> sees it: the graph's inputs, the objective's targets, every other data
/// column, where the batch lies in training, and the two halves of the built-in step. One instance is reused for
/// every batch (its tensors too), so a step allocates nothing per batch unless it does so itself.
/// </summary>
public sealed class TrainingBatch
{
    private readonly Tensor[] _columns, _inputs, _targets;
    private readonly GraphData _data;

    internal TrainingBatch(ModelGraph graph, GraphObjective objective, TrainingOptions options, GraphData data)
    {
        Graph = graph;
        Objective = objective;
        Options = options;
        _data = data;
        _columns = data.Names.Select(name => new Tensor(Tensor.BatchShape(0, data.ShapeOf(name)))).ToArray();
        _inputs = graph.Inputs.Select(i => _columns[data.IndexOf(i.Name)]).ToArray();
        _targets = objective.Losses.Select(l => _columns[data.IndexOf(l.Target)]).ToArray();
    }

    /// <summary>The model trained by the loop.</summary>
    public ModelGraph Graph { get; }

    /// <summary>The loss of the graph's outputs.</summary>
    public GraphObjective Objective { get; }

    /// <summary>The run's settings (penalties and clipping are applied by <see cref="Update"/>).</summary>
    public TrainingOptions Options { get; }

    /// <summary>The graph's inputs for this batch, in <see cref="ModelGraph.Inputs"/> order.</summary>
    public IReadOnlyList<Tensor> Inputs => _inputs;

    /// <summary>The targets for this batch, in <see cref="GraphObjective.Losses"/> order.</summary>
    public IReadOnlyList<Tensor> Targets => _targets;

    /// <summary>The epoch, from 0.</summary>
    public int Epoch { get; private set; }

    /// <summary>The batch's position in its epoch, from 0.</summary>
    public int Index { get; private set; }

    /// <summary>The number of rows in the batch.</summary>
    public int Rows { get; private set; }

    /// <summary>The learning rate of the latest update (set by <see cref="Update"/>; a step may set it); the history
    /// reports it.</summary>
    public float LearningRate { get; set; }

    /// <summary>The batch's rows of data column <paramref name="name"/> (such as a teacher's outputs).</summary>
    /// <exception cref="ArgumentException">No such column; the message lists the columns.</exception>
    public Tensor Column(string name) => _columns[_data.IndexOf(name)];

    /// <summary>
    /// The first half of the built-in step: zeroes the gradients, runs the graph forward in training mode, computes
    /// the objective (with the layers' loss terms) and accumulates every parameter's gradient. Returns the loss.
    /// </summary>
    /// <exception cref="TrainingDivergedException">The loss is NaN or infinite.</exception>
    public float ComputeGradients()
    {
        Graph.ZeroGradients();
        var outputs = Graph.Forward(_inputs, training: true);
        float loss = Objective.Forward(outputs, _targets);
        CheckLoss(loss);
        Graph.BackwardParametersOnly(Objective.Backward());
        return loss;
    }

    /// <summary>Throws <see cref="TrainingDivergedException"/>, naming the epoch and batch, when a loss the step computed
    /// is not finite.</summary>
    public void CheckLoss(float loss)
    {
        if (!float.IsFinite(loss)) throw TrainingLoop.LossDiverged(loss, Epoch, Index, LearningRate);
    }

    /// <summary>
    /// The second half of the built-in step for <paramref name="parameters"/>: the options' L1/L2 penalties and
    /// gradient clipping, the optimiser's scheduled learning rate, one optimiser step, then a check that the weights
    /// are finite. Returns the learning rate used (also stored in <see cref="LearningRate"/>).
    /// </summary>
    /// <exception cref="TrainingDivergedException">A weight became NaN or infinite.</exception>
    public float Update(Optimizer optimizer, IReadOnlyList<Parameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(parameters);
        LearningRate = TrainingLoop.ApplyUpdate(parameters, Graph.Layers, Options, optimizer, Epoch, Index);
        return LearningRate;
    }

    internal void Load(ReadOnlySpan<int> rows, int epoch, int index)
    {
        for (int c = 0; c < _columns.Length; c++) _data.Gather(c, rows, _columns[c]);
        Epoch = epoch;
        Index = index;
        Rows = rows.Length;
    }
}
