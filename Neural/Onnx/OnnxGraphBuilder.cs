using System.Runtime.InteropServices;
using Google.Protobuf;
using MLExt.Neural.Onnx.Proto;

namespace MLExt.Neural.Onnx;

/// <summary>
/// Builds one ONNX graph: unique value names, constant tensors (initializers), nodes in topological
/// order, typed inputs and outputs. Layer exporters (see <see cref="OnnxLayerExporters"/>) add their
/// nodes through <see cref="AddLayer"/>; values carry a leading batch dimension.
/// </summary>
internal sealed class OnnxGraphBuilder
{
    /// <summary>The standard operator set version written (ONNX 1.12; IR version 8).</summary>
    public const int OpsetVersion = 17;

    /// <summary>The ONNX-ML operator set version imported when <see cref="UsesMLDomain"/> is set.</summary>
    public const int MLOpsetVersion = 3;

    /// <summary>The IR version paired with <see cref="OpsetVersion"/>.</summary>
    public const long IrVersion = 8;

    /// <summary>The name of the symbolic batch dimension.</summary>
    public const string BatchDimension = "N";

    private readonly GraphProto _graph = new();
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly Stack<string> _layerPath = new();

    public OnnxGraphBuilder(string name) => _graph.Name = name;

    /// <summary>
    /// The padding mask of the sequences flowing through the graph at this point, as in <see cref="Network.Forward"/>:
    /// the name of a float value <c>[N, time]</c>, 1 for a real step and 0 for padding, or null for none. The exporter of
    /// an <see cref="ISequenceMaskSource"/> layer sets it (an embedding with a padding index to the mask it computes
    /// from the token ids; a layer that removes the time axis to null); mask consumers (attention) read it.
    /// </summary>
    public string? SequenceMask { get; set; }

    /// <summary>The symbolic number of edges of the graph inputs <see cref="Edges"/>.</summary>
    public const string EdgeDimension = "E";

    /// <summary>The names of the edge inputs: each edge's source and target node (int64 <c>[E]</c>) and weight (float
    /// <c>[E]</c>).</summary>
    public static readonly (string Source, string Target, string Weight) EdgeInputs = ("edge_source", "edge_target", "edge_weight");

    private (string Source, string Target, string Weight)? _edges;

    /// <summary>
    /// The graph's edges for the graph layers (<see cref="IAdjacencyConsumer"/>), declared as graph inputs
    /// (<see cref="EdgeInputs"/>) on first use: edge k sends node source[k]'s message to node target[k] with weight
    /// weight[k], one per entry of the <see cref="SparseAdjacency"/> (entry A[t, s] is the edge s → t), no self loops.
    /// Edges instead of a dense adjacency keep the model's memory linear in the number of edges.
    /// </summary>
    public (string Source, string Target, string Weight) Edges => _edges ??= (
        Declare(_graph.Input, EdgeInputs.Source, TensorProto.Types.DataType.Int64, [-2]),
        Declare(_graph.Input, EdgeInputs.Target, TensorProto.Types.DataType.Int64, [-2]),
        Declare(_graph.Input, EdgeInputs.Weight, TensorProto.Types.DataType.Float, [-2]));

    /// <summary>Whether a node of the <c>ai.onnx.ml</c> domain was added.</summary>
    public bool UsesMLDomain { get; private set; }

    /// <summary>A value name not used yet, based on <paramref name="hint"/>.</summary>
    public string UniqueName(string hint)
    {
        string name = hint;
        for (int i = 2; !_names.Add(name); i++) name = $"{hint}_{i}";
        return name;
    }

    /// <summary>Declares a float graph input; a dimension of −1 is the symbolic batch dimension (−2 the edges').</summary>
    public string AddInput(string name, ReadOnlySpan<int> dims) => Declare(_graph.Input, name, TensorProto.Types.DataType.Float, dims);

    /// <summary>Declares a graph output of an existing value; a dimension of −1 is the symbolic batch dimension.</summary>
    public void AddOutput(string name, TensorProto.Types.DataType type, ReadOnlySpan<int> dims) => _graph.Output.Add(ValueInfo(name, type, dims));

    /// <summary>A float constant of shape <paramref name="shape"/> (row-major values).</summary>
    public string AddConstant(string hint, ReadOnlySpan<int> shape, ReadOnlySpan<float> values)
    {
        if (Tensor.Product(shape) != values.Length)
            throw new ArgumentException($"Constant '{hint}' of shape {Tensor.FormatShape(shape.ToArray())} needs {Tensor.Product(shape)} values, got {values.Length}.", nameof(values));
        var tensor = NewTensor(hint, TensorProto.Types.DataType.Float, shape);
        tensor.RawData = ByteString.CopyFrom(LittleEndianBytes(values));
        _graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    /// <summary>A float scalar constant (shape []).</summary>
    public string AddScalar(string hint, float value) => AddConstant(hint, [], [value]);

    /// <summary>A 1-D int64 constant, such as a shape for Reshape.</summary>
    public string AddInt64Constant(string hint, ReadOnlySpan<long> values)
    {
        var tensor = NewTensor(hint, TensorProto.Types.DataType.Int64, [values.Length]);
        tensor.Int64Data.AddRange(values.ToArray());
        _graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    /// <summary>A string constant of shape <paramref name="shape"/>.</summary>
    public string AddStringConstant(string hint, ReadOnlySpan<int> shape, IEnumerable<string> values)
    {
        var tensor = NewTensor(hint, TensorProto.Types.DataType.String, shape);
        tensor.StringData.AddRange(values.Select(ByteString.CopyFromUtf8));
        _graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    /// <summary>Adds a standard-domain node with one output named after <paramref name="outputHint"/>; returns the output name.</summary>
    public string AddNode(string opType, string outputHint, IEnumerable<string> inputs, params AttributeProto[] attributes) =>
        AddNode(opType, "", [outputHint], inputs, attributes)[0];

    /// <summary>Adds a node of operator set <paramref name="domain"/> with several outputs; returns their names.</summary>
    public string[] AddNode(string opType, string domain, IReadOnlyList<string> outputHints, IEnumerable<string> inputs, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = opType, Domain = domain, Name = UniqueName($"{opType}_node") };
        node.Input.AddRange(inputs);
        var outputs = outputHints.Select(UniqueName).ToArray();
        node.Output.AddRange(outputs);
        node.Attribute.AddRange(attributes);
        if (domain == OnnxDomains.ML) UsesMLDomain = true;
        _graph.Node.Add(node);
        return outputs;
    }

    /// <summary>Makes <paramref name="value"/> available under the exact name <paramref name="name"/> (an Identity node).</summary>
    /// <exception cref="ArgumentException">The name is already used.</exception>
    public string AddAlias(string value, string name)
    {
        if (!_names.Add(name)) throw new ArgumentException($"The ONNX graph already has a value named '{name}'.", nameof(name));
        var node = new NodeProto { OpType = "Identity", Name = UniqueName($"Identity_{name}") };
        node.Input.Add(value);
        node.Output.Add(name);
        _graph.Node.Add(node);
        return name;
    }

    /// <summary>Adds a node with a fixed name (for markers other tools look up by name).</summary>
    public void AddNamedNode(string nodeName, string opType, string domain, IEnumerable<string> inputs, IEnumerable<string> outputs, params AttributeProto[] attributes)
    {
        if (!_names.Add(nodeName)) throw new InvalidOperationException($"The ONNX graph already has a value or node named '{nodeName}'.");
        var node = new NodeProto { OpType = opType, Domain = domain, Name = nodeName };
        node.Input.AddRange(inputs);
        node.Output.AddRange(outputs);
        node.Attribute.AddRange(attributes);
        if (domain == OnnxDomains.ML) UsesMLDomain = true;
        _graph.Node.Add(node);
    }

    /// <summary>
    /// Adds <paramref name="layer"/>'s operators reading <paramref name="input"/> (<c>[N, ...layer.InputShape]</c>)
    /// and returns the name of its output (<c>[N, ...layer.OutputShape]</c>). Composite layers call this for their parts.
    /// </summary>
    /// <exception cref="NotSupportedException">The layer (or a part of it) has no ONNX exporter; the message names it.</exception>
    public string AddLayer(Layer layer, string input)
    {
        _layerPath.Push(layer.TypeName);
        try
        {
            return OnnxLayerExporters.Export(layer, input, this, string.Join(" > ", _layerPath.Reverse()));
        }
        finally
        {
            _layerPath.Pop();
        }
    }

    /// <summary>The model: this graph, the opset imports and producer information.</summary>
    public ModelProto ToModel(string docString)
    {
        var model = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = "MLExt",
            ProducerVersion = typeof(OnnxGraphBuilder).Assembly.GetName().Version?.ToString() ?? "",
            DocString = docString,
            Graph = _graph.Clone(),
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = OpsetVersion });
        if (UsesMLDomain) model.OpsetImport.Add(new OperatorSetIdProto { Domain = OnnxDomains.ML, Version = MLOpsetVersion });
        return model;
    }

    private string Declare(Google.Protobuf.Collections.RepeatedField<ValueInfoProto> list, string name, TensorProto.Types.DataType type, ReadOnlySpan<int> dims)
    {
        if (!_names.Add(name)) throw new ArgumentException($"The ONNX graph already has a value named '{name}'.", nameof(name));
        list.Add(ValueInfo(name, type, dims));
        return name;
    }

    private static ValueInfoProto ValueInfo(string name, TensorProto.Types.DataType type, ReadOnlySpan<int> dims)
    {
        var shape = new TensorShapeProto();
        foreach (int d in dims)
            shape.Dim.Add(d < 0 ? new TensorShapeProto.Types.Dimension { DimParam = d == -2 ? EdgeDimension : BatchDimension }
                : new TensorShapeProto.Types.Dimension { DimValue = d });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } },
        };
    }

    private TensorProto NewTensor(string hint, TensorProto.Types.DataType type, ReadOnlySpan<int> shape)
    {
        var tensor = new TensorProto { Name = UniqueName(hint), DataType = (int)type };
        foreach (int d in shape) tensor.Dims.Add(d);
        return tensor;
    }

    private static byte[] LittleEndianBytes(ReadOnlySpan<float> values)
    {
        var bytes = MemoryMarshal.AsBytes(values).ToArray();
        if (!BitConverter.IsLittleEndian)
            for (int i = 0; i < bytes.Length; i += 4) Array.Reverse(bytes, i, 4);
        return bytes;
    }
}
