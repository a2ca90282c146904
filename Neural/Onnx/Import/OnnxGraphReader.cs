using Google.Protobuf;
using MLExt.Neural.Onnx.Proto;

namespace MLExt.Neural.Onnx.Import;

/// <summary>
/// Reads an ONNX model into an MLExt <see cref="GraphBuilder"/>: graph inputs become inputs (the first dimension is the
/// batch), each node becomes a layer or merge node named after the ONNX node, initialisers become the layers' weights
/// and states (copied after the build), graph outputs become outputs. See <see cref="OnnxImport"/>.
/// </summary>
internal sealed partial class OnnxGraphReader
{
    /// <summary>The default-domain operator set versions read (opset 7, ONNX 1.2, onwards).</summary>
    public const int MinimumOpset = 7, MaximumOpset = 22;

    private readonly string _file;
    private readonly long _opset;
    private readonly GraphBuilder _builder = new();
    private readonly Dictionary<string, OnnxConstant?> _constants = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (GraphNode Node, int[] Shape)> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly List<Action> _weights = [];
    private readonly List<(string Name, GraphNode Node)> _outputs = [];
    // GlobalAveragePool outputs held as GlobalAveragePool2D's [C] rather than ONNX's [C, 1, 1]: a Flatten or Reshape
    // reads them as they are; any other reader gets the [C, 1, 1] Reshape made on first use.
    private readonly Dictionary<string, OnnxNodeView> _squeezed = new(StringComparer.Ordinal);
    private readonly List<Layer> _chain = [];
    private GraphNode? _last;
    private bool _isChain = true;
    private readonly ModelProto _model;

    private OnnxGraphReader(ModelProto model, string file)
    {
        _model = model;
        _file = file;
        _opset = model.OpsetImport.FirstOrDefault(o => o.Domain is "" or "ai.onnx")?.Version ?? 0;
    }

    /// <summary>Parses <paramref name="path"/> (an ONNX model file).</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="InvalidDataException">The file is not an ONNX model.</exception>
    public static ModelProto Parse(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"The ONNX file '{path}' does not exist.", path);
        ModelProto model;
        try
        {
            model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new InvalidDataException($"'{path}' is not an ONNX model: {e.Message}", e);
        }
        if (model.Graph is null || model.Graph.Node.Count == 0 || model.Graph.Output.Count == 0 || model.IrVersion <= 0)
            throw new InvalidDataException($"'{path}' is not an ONNX model: it has no graph with nodes and outputs.");
        return model;
    }

    /// <summary>Parses <paramref name="path"/> and reads it.</summary>
    public static OnnxGraphReader Open(string path) => Open(Parse(path), path);

    /// <summary>Reads <paramref name="model"/> (named <paramref name="file"/> in errors), checking its opset.</summary>
    public static OnnxGraphReader Open(ModelProto model, string file)
    {
        var reader = new OnnxGraphReader(model, file);
        if (reader._opset is < MinimumOpset or > MaximumOpset)
            throw new NotSupportedException($"Cannot import '{file}': it uses ONNX opset {reader._opset}; MLExt imports " +
                $"opsets {MinimumOpset} to {MaximumOpset}.");
        reader.ReadGraph();
        return reader;
    }

    /// <summary>The graph, built and holding the file's weights.</summary>
    /// <param name="head">Layers added after the single output (a new classifier), initialised from
    /// <paramref name="random"/>; the graph's output is then the head's.</param>
    /// <param name="random">Initialises the head (the imported layers take the file's weights).</param>
    public ModelGraph BuildGraph(Func<GraphBuilder, GraphNode, GraphNode>? head = null, RandomSource? random = null)
    {
        if (head is not null && _outputs.Count != 1)
            throw new NotSupportedException($"Cannot add a head to '{_file}': it has {_outputs.Count} outputs.");
        foreach (var (name, node) in _outputs) _builder.Output(name, head is null ? node : head(_builder, node));
        var graph = _builder.Build(random ?? new RandomSource(0));
        if (head is not null)
        {
            foreach (var load in _weights) load();
            return graph;
        }
        Finish(graph.Outputs.Select(o => o.Shape).ToArray());
        return graph;
    }

    /// <summary>The graph as a <see cref="Network"/>, when it is a chain: one input, one output, each node reading the
    /// one before.</summary>
    public Network BuildNetwork()
    {
        if (!_isChain || _outputs.Count != 1 || _chain.Count == 0 || !ReferenceEquals(_outputs[0].Node, _last))
            throw new NotSupportedException($"Cannot import '{_file}' as a Network: its graph is not a chain of layers " +
                $"from one input to one output; import it as a ModelGraph (ModelGraph.FromOnnx).");
        var network = new Network(_chain);
        network.Build(_values[_builder.Nodes[0].Name].Shape, new RandomSource(0));
        Finish([network.OutputShape]);
        return network;
    }

    private void Finish(int[][] outputShapes)
    {
        foreach (var load in _weights) load();
        for (int o = 0; o < outputShapes.Length; o++)
        {
            var declared = DeclaredShape(_model.Graph.Output[o]);
            if (declared is not null && (declared.Length != outputShapes[o].Length ||
                declared.Zip(outputShapes[o]).Any(d => d.First > 0 && d.First != d.Second)))
                throw new InvalidDataException($"Cannot import '{_file}': output '{_model.Graph.Output[o].Name}' is " +
                    $"declared {Tensor.FormatShape(declared)} per sample but the graph computes " +
                    $"{Tensor.FormatShape(outputShapes[o])}.");
        }
    }

    private void ReadGraph()
    {
        var graph = _model.Graph;
        foreach (var tensor in graph.Initializer)
        {
            try
            {
                _constants[tensor.Name] = OnnxConstantReader.Read(tensor);
            }
            catch (InvalidDataException e)
            {
                throw new InvalidDataException($"Cannot import '{_file}': initialiser '{tensor.Name}' {e.Message}", e);
            }
        }
        foreach (var input in graph.Input.Where(i => !_constants.ContainsKey(i.Name)))
        {
            var shape = DeclaredShape(input) ?? throw new InvalidDataException($"Cannot import '{_file}': input " +
                $"'{input.Name}' does not declare its shape.");
            if (shape.Length == 0 || shape.Any(d => d <= 0))
                throw new InvalidDataException($"Cannot import '{_file}': input '{input.Name}' needs a fixed shape after " +
                    $"the batch dimension, got {Tensor.FormatShape(shape)}.");
            if ((TensorProto.Types.DataType)input.Type.TensorType.ElemType != TensorProto.Types.DataType.Float)
                throw new NotSupportedException($"Cannot import '{_file}': input '{input.Name}' is not a float tensor.");
            _names.Add(input.Name);
            _values[input.Name] = (_builder.Input(input.Name, shape), shape);
            _last = _values[input.Name].Node;
        }
        if (_values.Count != 1) _isChain = false;
        foreach (var node in graph.Node) ReadNode(new OnnxNodeView(node, _file));
        foreach (var output in graph.Output)
        {
            if (_squeezed.Remove(output.Name, out var pool))
                _values[output.Name] = Apply(pool, new Reshape(_values[output.Name].Shape[0], 1, 1), _values[output.Name]);
            if (!_values.TryGetValue(output.Name, out var value))
                throw new NotSupportedException($"Cannot import '{_file}': output '{output.Name}' is a constant or is " +
                    $"not computed by any node.");
            _outputs.Add((output.Name, value.Node));
        }
    }

    /// <summary>The per-sample shape an input or output declares (batch dimension dropped; 0 for an unknown
    /// dimension), or null when it declares none.</summary>
    private static int[]? DeclaredShape(ValueInfoProto value)
    {
        var dims = value.Type?.TensorType?.Shape?.Dim;
        if (dims is null || dims.Count == 0) return null;
        return dims.Skip(1).Select(d => d.ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue ? checked((int)d.DimValue) : 0).ToArray();
    }

    private void ReadNode(OnnxNodeView node)
    {
        if (node.Proto.Domain is not ("" or "ai.onnx"))
            throw node.Unsupported($"the operator domain '{node.Proto.Domain}' is not supported");
        if (node.Operator == "Constant")
        {
            node.AllowAttributes("value");
            var value = node.Find("value")?.T ?? throw node.Unsupported("only a tensor 'value' is supported");
            _constants[node.Proto.Output[0]] = OnnxConstantReader.Read(value);
            return;
        }
        if (node.Operator == "Split")
        {
            SplitNode(node);
            return;
        }
        if (!Operators.ContainsKey(node.Operator))
            throw node.Unsupported($"MLExt cannot import the operator {node.Operator} (it imports " +
                $"{string.Join(", ", Operators.Keys.Order())})");
        if (node.Proto.Output.Count(o => o.Length > 0) > 1 && node.Operator is not ("Dropout" or "BatchNormalization"))
            throw node.Unsupported("only its first output is supported");
        var (result, shape) = Operators[node.Operator](this, node);
        _values[node.Proto.Output[0]] = (result, shape);
    }

    /// <summary>The computed value read at input <paramref name="index"/>.</summary>
    private (GraphNode Node, int[] Shape) Dynamic(OnnxNodeView node, int index, bool keepSqueezed = false)
    {
        if (index >= node.Proto.Input.Count || node.Proto.Input[index].Length == 0)
            throw node.Invalid($"input {index + 1} is missing");
        string name = node.Proto.Input[index];
        if (!keepSqueezed && _squeezed.Remove(name, out var pool))
            _values[name] = Apply(pool, new Reshape(_values[name].Shape[0], 1, 1), _values[name]);
        if (_values.TryGetValue(name, out var value)) return value;
        if (_constants.ContainsKey(name))
            throw node.Unsupported($"input '{name}' is a constant where MLExt needs a value computed from the graph's inputs");
        throw node.Invalid($"input '{name}' is not produced before this node");
    }

    /// <summary>The constant read at input <paramref name="index"/>, or null when that optional input is absent.</summary>
    private OnnxConstant? Constant(OnnxNodeView node, int index, bool required = true)
    {
        if (index >= node.Proto.Input.Count || node.Proto.Input[index].Length == 0)
            return required ? throw node.Invalid($"input {index + 1} is missing") : null;
        string name = node.Proto.Input[index];
        if (_constants.TryGetValue(name, out var constant))
            return constant ?? throw node.Unsupported($"the constant '{name}' has an element type MLExt does not import");
        throw node.Unsupported($"input '{name}' must be a constant (an initialiser) for MLExt to import this node");
    }

    private bool IsConstant(OnnxNodeView node, int index) =>
        index < node.Proto.Input.Count && _constants.ContainsKey(node.Proto.Input[index]);

    /// <summary>Applies <paramref name="layer"/> to <paramref name="input"/> as the node; <paramref name="load"/> copies
    /// the weights once the layer is built.</summary>
    private (GraphNode, int[]) Apply(OnnxNodeView node, Layer layer, (GraphNode Node, int[] Shape) input, Action? load = null)
    {
        int[] shape;
        try
        {
            shape = layer.ComputeOutputShape(input.Shape);
        }
        catch (ArgumentException e)
        {
            throw node.Invalid($"its input of shape {Tensor.FormatShape(input.Shape)} does not fit: {e.Message}");
        }
        var result = _builder.Apply(layer, input.Node, UniqueName(node.Name));
        if (!ReferenceEquals(input.Node, _last)) _isChain = false;
        _chain.Add(layer);
        _last = result;
        if (load is not null) _weights.Add(() => Load(node, load));
        return (result, shape);
    }

    /// <summary>Merges computed values as the node.</summary>
    private (GraphNode, int[]) Merge(OnnxNodeView node, Merge merge, IReadOnlyList<(GraphNode Node, int[] Shape)> inputs, int[] shape)
    {
        _isChain = false;
        var result = _builder.Merge(merge, inputs.Select(i => i.Node).ToArray(), UniqueName(node.Name));
        _last = result;
        return (result, shape);
    }

    private static void Load(OnnxNodeView node, Action load)
    {
        try
        {
            load();
        }
        catch (ArgumentException e)
        {
            throw node.Invalid(e.Message);
        }
    }

    /// <summary>Copies <paramref name="values"/> into a built parameter of the same size.</summary>
    private static void Copy(Parameter target, ReadOnlySpan<float> values, string what)
    {
        if (values.Length != target.Value.Length)
            throw new ArgumentException($"its {what} has {values.Length} values where the layer needs " +
                $"{Tensor.FormatShape(target.Value.Shape)}");
        values.CopyTo(target.Value.Span);
    }

    private string UniqueName(string name)
    {
        string candidate = name;
        for (int i = 2; !_names.Add(candidate); i++) candidate = $"{name}_{i}";
        return candidate;
    }
}
