namespace MLExt.Neural;

/// <summary>
/// Describes a model graph, the functional way: named inputs, layers applied to nodes, merges, outputs; then
/// <see cref="Build"/> infers every shape from the inputs, checks the design and builds the layers into a
/// <see cref="ModelGraph"/>. Applying one layer instance at several nodes shares it: one set of weights,
/// gradients summed over its applications. Nodes are named (given or generated such as <c>dense_2</c>); a node
/// can be referred to before it is defined with <see cref="Ref"/>, and <see cref="Build"/> rejects what does not
/// resolve, cycles, and inputs or nodes that reach no output, naming them.
/// </summary>
public sealed class GraphBuilder
{
    private readonly List<GraphNode> _nodes = [];
    private readonly Dictionary<string, GraphNode> _byName = new(StringComparer.Ordinal);
    private readonly List<KeyValuePair<string, string>> _outputs = [];
    private readonly Dictionary<string, int> _autoNames = new(StringComparer.Ordinal);

    /// <summary>The nodes defined so far, in order.</summary>
    public IReadOnlyList<GraphNode> Nodes => _nodes;

    /// <summary>The outputs declared so far: output name, then the name of the node it exposes.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Outputs => _outputs;

    /// <summary>A float input of per-sample shape <paramref name="shape"/> (batch excluded).</summary>
    /// <exception cref="ArgumentException">The name is taken or empty, or a dimension is not positive.</exception>
    public GraphNode Input(string name, params int[] shape) => AddInput(name, shape, GraphInputKind.Float);

    /// <summary>
    /// A token-id input of <paramref name="length"/> positions (padding included) for an <see cref="Embedding"/>;
    /// an embedding with a padding index emits the padding mask, which flows to the mask-aware layers after it.
    /// </summary>
    public GraphNode TokenInput(string name, int length) => AddInput(name, [length], GraphInputKind.TokenIds);

    /// <summary>Applies <paramref name="layer"/> to <paramref name="input"/>. The same layer at several nodes is one
    /// shared layer.</summary>
    /// <exception cref="ArgumentException">The name is taken, or the node belongs to another builder.</exception>
    public GraphNode Apply(Layer layer, GraphNode input, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(layer);
        return Define(new GraphNode(this, NameFor(name, layer.TypeName), GraphNodeKind.Layer, [Own(input).Name], layer: layer));
    }

    /// <summary>Applies a chain of layers to <paramref name="input"/>; returns the last node.</summary>
    public GraphNode Apply(GraphNode input, params Layer[] layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        var node = input;
        foreach (var layer in layers) node = Apply(layer, node);
        return node;
    }

    /// <summary>Merges <paramref name="inputs"/> with <paramref name="merge"/> (a new instance for every node).</summary>
    /// <exception cref="ArgumentException">The name is taken, the merge instance is used by another node, or a node is
    /// foreign.</exception>
    public GraphNode Merge(Merge merge, IReadOnlyList<GraphNode> inputs, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(merge);
        ArgumentNullException.ThrowIfNull(inputs);
        if (_nodes.FirstOrDefault(n => ReferenceEquals(n.Merge, merge)) is { } user)
            throw new ArgumentException($"This {merge.TypeName} instance already merges at node '{user.Name}'; every " +
                $"merge node needs a new instance.", nameof(merge));
        var names = inputs.Select(n => Own(n).Name).ToArray();
        return Define(new GraphNode(this, NameFor(name, merge.TypeName), GraphNodeKind.Merge, names, merge: merge));
    }

    /// <summary>Sum of nodes of one shape.</summary>
    public GraphNode Add(params GraphNode[] inputs) => Merge(new Add(), inputs);

    /// <summary>First node minus the second.</summary>
    public GraphNode Subtract(GraphNode first, GraphNode second) => Merge(new Subtract(), [first, second]);

    /// <summary>Value-by-value product of nodes of one shape.</summary>
    public GraphNode Multiply(params GraphNode[] inputs) => Merge(new Multiply(), inputs);

    /// <summary>Mean of nodes of one shape.</summary>
    public GraphNode Average(params GraphNode[] inputs) => Merge(new Average(), inputs);

    /// <summary>Nodes joined along <paramref name="axis"/> of the sample shape (batch excluded; −1 is the last).</summary>
    public GraphNode Concatenate(int axis, params GraphNode[] inputs) => Merge(new Concatenate(axis), inputs);

    /// <summary>Positions [start, start + length) of <paramref name="input"/> along <paramref name="axis"/> (batch
    /// excluded).</summary>
    public GraphNode Slice(GraphNode input, int axis, int start, int length, string? name = null) =>
        Apply(new Slice(axis, start, length), input, name);

    /// <summary>
    /// <paramref name="input"/> cut into <paramref name="parts"/> equal parts of <paramref name="size"/> positions
    /// along <paramref name="axis"/> (one <see cref="Neural.Slice"/> node each).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than two parts or a part size that is not positive.</exception>
    public GraphNode[] Split(GraphNode input, int axis, int parts, int size)
    {
        if (parts < 2) throw new ArgumentOutOfRangeException(nameof(parts), parts, "Split needs at least two parts.");
        if (size < 1) throw new ArgumentOutOfRangeException(nameof(size), size, "Split parts need at least one position.");
        return Enumerable.Range(0, parts).Select(i => Slice(input, axis, i * size, size)).ToArray();
    }

    /// <summary>
    /// A reference to the node named <paramref name="name"/>, which may be defined later (or never: then
    /// <see cref="Build"/> says so). Use it to refer to a node by name.
    /// </summary>
    public GraphNode Ref(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return _byName.TryGetValue(name, out var node) ? node : new GraphNode(this, name, GraphNodeKind.Input, [], inputKind: GraphInputKind.Float);
    }

    /// <summary>Declares the output <paramref name="name"/>: the value of <paramref name="node"/>.</summary>
    /// <exception cref="ArgumentException">The output name is taken or empty.</exception>
    public void Output(string name, GraphNode node)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (_outputs.Any(o => o.Key == name)) throw new ArgumentException($"The graph already has an output named " +
            $"'{name}'.", nameof(name));
        _outputs.Add(new(name, Own(node).Name));
    }

    /// <summary>
    /// Checks the design and builds every layer in topological order (shapes inferred from the inputs; weights
    /// drawn from <paramref name="random"/>). A layer already built (a pretrained trunk) is used as it is when it
    /// fits its node. Each layer applied at several nodes gets one application per node that shares its weights.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// A node reads an unknown node, the graph has a cycle, an input or node reaches no output, there is no output,
    /// a layer or merge rejects its input shapes; the message names the node, its layer and what was expected.
    /// </exception>
    public ModelGraph Build(RandomSource random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return GraphCompiler.Compile(_nodes, _outputs, random, requireUnbuilt: false);
    }

    internal ModelGraph BuildChain(RandomSource random, bool requireUnbuilt, Func<GraphNode, string> describe) =>
        GraphCompiler.Compile(_nodes, _outputs, random, requireUnbuilt, describe);

    private GraphNode AddInput(string name, int[] shape, GraphInputKind kind)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Length == 0 || shape.Any(d => d <= 0))
            throw new ArgumentException($"Input '{name}' needs a shape of positive dimensions, got " +
                $"{Tensor.FormatShape(shape)}.", nameof(shape));
        return Define(new GraphNode(this, CheckName(name), GraphNodeKind.Input, [], (int[])shape.Clone(), kind));
    }

    private GraphNode Define(GraphNode node)
    {
        _nodes.Add(node);
        _byName.Add(node.Name, node);
        return node;
    }

    private GraphNode Own(GraphNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (!ReferenceEquals(node.Builder, this)) throw new ArgumentException($"Node '{node.Name}' belongs to another " +
            $"graph builder.", nameof(node));
        return node;
    }

    private string NameFor(string? name, string typeName)
    {
        if (name is not null) return CheckName(name);
        string stem = typeName.ToLowerInvariant();
        int k = _autoNames.GetValueOrDefault(stem);
        string candidate;
        do candidate = $"{stem}_{++k}"; while (_byName.ContainsKey(candidate));
        _autoNames[stem] = k;
        return candidate;
    }

    private string CheckName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (_byName.ContainsKey(name)) throw new ArgumentException($"The graph already has a node named '{name}'.", nameof(name));
        return name;
    }
}
