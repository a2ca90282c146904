using System.Text;

namespace MLExt.Neural;

/// <summary>
/// A built model graph: named inputs, layers and merges in topological order, named outputs. Made by
/// <see cref="GraphBuilder.Build"/> (a <see cref="Network"/> is the one-input, one-output chain of the same kind).
/// The low-level training path is public for research code: <see cref="ZeroGradients"/>,
/// <see cref="Forward(IReadOnlyList{Tensor}, bool)"/>,
/// a loss per output (<see cref="GraphObjective"/>), <see cref="BackwardParametersOnly"/> (or <see cref="Backward"/>
/// for input gradients), then <see cref="Optimizer.Step(IReadOnlyList{Parameter}, float)"/> on <see cref="Parameters"/>.
/// Returned tensors are buffers valid until the next call, as for layers.
/// </summary>
public sealed partial class ModelGraph
{
    private readonly GraphStep[] _steps;
    private readonly int[] _outputSteps;
    private readonly Tensor[] _outputs;
    private readonly Tensor[] _inputGradients;
    private readonly Tensor?[] _zeroInputGradients;
    private readonly Parameter[] _parameters, _states;
    private readonly RandomSource[] _randomSources;
    private readonly Layer[] _layers;
    private readonly int[] _inputSteps;
    private readonly Tensor[] _singleInput = new Tensor[1];

    internal ModelGraph(GraphStep[] steps, GraphInput[] inputs, GraphOutput[] outputs, int[] outputSteps)
    {
        _steps = steps;
        Inputs = inputs;
        Outputs = outputs;
        _outputSteps = outputSteps;
        _outputs = new Tensor[outputs.Length];
        _inputGradients = new Tensor[inputs.Length];
        _zeroInputGradients = new Tensor?[inputs.Length];
        _inputSteps = inputs.Select(i => Array.FindIndex(steps, s => s.InputIndex >= 0 && s.Name == i.Name)).ToArray();
        _layers = steps.Where(s => s.Layer is not null).Select(s => s.SharedLayer!).Distinct(ReferenceEqualityComparer.Instance).Cast<Layer>().ToArray();
        _parameters = _layers.SelectMany(l => l.Parameters).ToArray();
        _states = _layers.SelectMany(l => l.States).ToArray();
        // Every application draws its own dropout masks, so every application's generator is saved in checkpoints.
        _randomSources = steps.Where(s => s.Layer is not null).SelectMany(s => s.Layer!.RandomSources).ToArray();
        RefreshTrainingSettings();
    }

    /// <summary>The steps in topological order (for the ONNX exporter).</summary>
    internal GraphStep[] Steps => _steps;

    /// <summary>The step of each output.</summary>
    internal int[] OutputSteps => _outputSteps;

    /// <summary>The inputs, in the order <see cref="Forward(IReadOnlyList{Tensor}, bool)"/> takes them.</summary>
    public IReadOnlyList<GraphInput> Inputs { get; }

    /// <summary>The outputs, in the order <see cref="Forward(IReadOnlyList{Tensor}, bool)"/> returns them.</summary>
    public IReadOnlyList<GraphOutput> Outputs { get; }

    /// <summary>The distinct layers (a shared layer once), in topological order of their first application.</summary>
    public IReadOnlyList<Layer> Layers => _layers;

    /// <summary>The node names in topological order (the order forward runs them).</summary>
    public IReadOnlyList<string> NodeNames => _steps.Select(s => s.Name).ToArray();

    /// <summary>Every distinct layer's parameters, in <see cref="Layers"/> order (a shared layer's once).</summary>
    public IReadOnlyList<Parameter> Parameters => _parameters;

    /// <summary>Every distinct layer's non-trainable state (batch-norm statistics, frozen tables), in <see cref="Layers"/>
    /// order.</summary>
    public IReadOnlyList<Parameter> States => _states;

    /// <summary>The random generators of every layer application (dropout, augmentation), saved by checkpoints.</summary>
    public IReadOnlyList<RandomSource> RandomSources => _randomSources;

    /// <summary>Number of trainable values.</summary>
    public long ParameterCount => _parameters.Sum(p => (long)p.Value.Length);

    /// <summary>The sum of the loss terms the layers added during the latest forward pass
    /// (<see cref="ILossTermSource"/>).</summary>
    public float LossTerms { get; private set; }

    /// <summary>
    /// The adjacency of the nodes of the next forward pass, for the graph layers (<see cref="IAdjacencyConsumer"/>):
    /// the node features are the graph's float input, one row per node, and the adjacency its second input, set here
    /// because it is sparse (a <see cref="SparseAdjacency"/>, never a dense tensor). Null for graphs without graph layers.
    /// </summary>
    public SparseAdjacency? Adjacency { get; set; }

    /// <summary>Whether some layer reads <see cref="Adjacency"/>.</summary>
    public bool HasGraphLayers => _steps.Any(s => s.AdjacencyConsumer is not null);

    /// <summary>The position of input <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No such input; the message lists the inputs.</exception>
    public int InputIndex(string name)
    {
        for (int i = 0; i < Inputs.Count; i++) if (Inputs[i].Name == name) return i;
        throw new ArgumentException($"The graph has no input '{name}'. Inputs: " +
            $"{string.Join(", ", Inputs.Select(i => $"'{i.Name}'"))}.", nameof(name));
    }

    /// <summary>The position of output <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No such output; the message lists the outputs.</exception>
    public int OutputIndex(string name)
    {
        for (int i = 0; i < Outputs.Count; i++) if (Outputs[i].Name == name) return i;
        throw new ArgumentException($"The graph has no output '{name}'. Outputs: " +
            $"{string.Join(", ", Outputs.Select(o => $"'{o.Name}'"))}.", nameof(name));
    }

    /// <summary>The per-sample shape of node <paramref name="node"/>.</summary>
    public int[] ShapeOf(string node) =>
        (int[])(_steps.FirstOrDefault(s => s.Name == node)?.Shape ?? throw new ArgumentException($"The graph has no node '{node}'.", nameof(node))).Clone();

    /// <summary>Sets every trainable parameter's gradient to zero (frozen layers get no gradient work).</summary>
    public void ZeroGradients()
    {
        RefreshTrainingSettings();
        foreach (var p in _trainable) p.ZeroGradient(); // the array, not the interface: no enumerator per batch
    }

    /// <summary>Copies of every parameter's values, in <see cref="Parameters"/> order, then of every <see cref="States"/>
    /// value.</summary>
    public float[][] GetWeights() => _parameters.Concat(_states).Select(p => p.Value.Span.ToArray()).ToArray();

    /// <summary>Copies values from <see cref="GetWeights"/>' form back into the parameters and states.</summary>
    /// <exception cref="ArgumentException">The arrays do not match the parameters' sizes.</exception>
    public void SetWeights(IReadOnlyList<float[]> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var targets = _parameters.Concat(_states).ToArray();
        if (weights.Count != targets.Length)
            throw new ArgumentException($"Expected {targets.Length} weight arrays, got {weights.Count}.", nameof(weights));
        for (int i = 0; i < targets.Length; i++)
        {
            if (weights[i].Length != targets[i].Value.Length)
                throw new ArgumentException($"Weight array {i} ({targets[i]}) needs {targets[i].Value.Length} values, got " +
                    $"{weights[i].Length}.", nameof(weights));
            weights[i].CopyTo(targets[i].Value.Span);
        }
    }

    /// <summary>Whether every parameter value is finite; <paramref name="firstBad"/> names the first that is not.</summary>
    public bool AllWeightsFinite(out string? firstBad)
    {
        foreach (var layer in _layers)
            foreach (var p in layer.Parameters)
                foreach (float v in p.Value.Span)
                    if (!float.IsFinite(v)) { firstBad = $"{layer.TypeName}.{p.Name}"; return false; }
        firstBad = null;
        return true;
    }

    /// <summary>
    /// The description checkpoints compare on resume: each input with its shape, each node with its layer's
    /// configuration, weight shapes and training settings (frozen, learning-rate multiplier, frozen statistics), or its
    /// merge, and what it reads, then each output.
    /// </summary>
    public IReadOnlyList<string> Describe() =>
    [
        .. _steps.Select(s => s.Kind switch
        {
            GraphNodeKind.Input => $"input {s.Name} {Tensor.FormatShape(s.Shape)}",
            GraphNodeKind.Layer => ($"node {s.Name} <- {ReadsOf(s)}: {s.Layer!.GetConfig()} " +
                $"{string.Join(" ", s.Layer.Parameters.Concat(s.Layer.States))}").TrimEnd() + s.SharedLayer!.TrainingSettingsText,
            _ => $"node {s.Name} <- {ReadsOf(s)}: {s.Merge!.GetConfig()}",
        }),
        .. Outputs.Select(o => $"output {o.Name} <- {o.Node}"),
    ];

    /// <summary>A table of nodes with what they read, output shapes and parameter counts (shared layers counted
    /// once).</summary>
    public string Summary()
    {
        var sb = new StringBuilder();
        var counted = new HashSet<Layer>(ReferenceEqualityComparer.Instance);
        foreach (var s in _steps)
        {
            string what = s.Kind switch { GraphNodeKind.Input => "Input", GraphNodeKind.Layer => s.SharedLayer!.ToString(), _ => s.Merge!.ToString() };
            long count = s.SharedLayer is { } l && counted.Add(l) ? l.ParameterCount : 0;
            string shared = s.SharedLayer is { } owner && !ReferenceEquals(owner, s.Layer) ? " (shared)" : "";
            sb.AppendLine($"{s.Name,-16} {what,-56} <- {ReadsOf(s),-20} -> {Tensor.FormatShape(s.Shape),-12} " +
                $"{count,10:N0} parameters{shared}");
        }
        foreach (var o in Outputs) sb.AppendLine($"Output {o.Name} = {o.Node} {Tensor.FormatShape(o.Shape)}");
        sb.Append($"Total {ParameterCount:N0} parameters");
        return sb.ToString();
    }

    private string ReadsOf(GraphStep s) => string.Join(", ", s.Inputs.Select(i => _steps[i].Name));
}
