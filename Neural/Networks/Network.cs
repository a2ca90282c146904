using System.Text;

namespace MLExt.Neural;

/// <summary>
/// A sequential network: a plain, inspectable list of layers applied in order — the short way to write a
/// <see cref="ModelGraph"/> that is a chain (one input named <c>input</c>, one output named <c>output</c>), run by
/// the graph's own forward and backward. Build it once from the shape of one input sample; then
/// <see cref="Forward"/> maps <c>[n, ...InputShape]</c> to <c>[n, ...OutputShape]</c> and <see cref="Backward"/>
/// propagates dL/dy back through every layer.
/// </summary>
public sealed class Network
{
    /// <summary>The name of the chain's input in its <see cref="Graph"/>.</summary>
    public const string InputName = "input";

    /// <summary>The name of the chain's output in its <see cref="Graph"/>.</summary>
    public const string OutputName = "output";

    private readonly List<Layer> _layers;
    private ModelGraph? _graph;
    private readonly Tensor?[] _outputGradient = new Tensor?[1];

    /// <summary>Creates an unbuilt network from layers (used as they are, not copied).</summary>
    /// <exception cref="ArgumentException">No layers, or a layer appears twice.</exception>
    public Network(IEnumerable<Layer> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        _layers = layers.ToList();
        if (_layers.Count == 0) throw new ArgumentException("A network needs at least one layer.", nameof(layers));
        if (_layers.Distinct().Count() != _layers.Count) throw new ArgumentException("The same layer instance appears twice; layers hold state, use separate instances.", nameof(layers));
    }

    /// <summary>Reads an ONNX model whose graph is a chain of layers (see <see cref="OnnxImport"/>), built and holding
    /// the file's weights.</summary>
    public static Network FromOnnx(string path) => OnnxImport.ReadNetwork(path);

    /// <summary>The layers, in order.</summary>
    public IReadOnlyList<Layer> Layers => _layers;

    /// <summary>Whether <see cref="Build"/> has run.</summary>
    public bool IsBuilt => _graph is not null;

    /// <summary>The chain as a model graph (input <see cref="InputName"/>, output <see cref="OutputName"/>); available once built.</summary>
    public ModelGraph Graph => _graph ?? throw NotBuilt();

    /// <summary>Shape of one input sample.</summary>
    public int[] InputShape => Graph.Inputs[0].Shape;

    /// <summary>Shape of one output sample.</summary>
    public int[] OutputShape => Graph.Outputs[0].Shape;

    /// <summary>Every layer's parameters, in layer order.</summary>
    public IReadOnlyList<Parameter> Parameters => _graph?.Parameters ?? [];

    /// <summary>Number of trainable values.</summary>
    public long ParameterCount => _graph?.ParameterCount ?? 0;

    /// <summary>The parameters of the layers that train, in layer order (see <see cref="ModelGraph.TrainableParameters"/>).</summary>
    public IReadOnlyList<Parameter> TrainableParameters => _graph?.TrainableParameters ?? [];

    /// <summary>The node name of the layer at zero-based <paramref name="index"/> in <see cref="Layers"/>
    /// (<c>layer_1</c> for the first): the name <see cref="FreezeUpTo"/> takes.</summary>
    public static string LayerName(int index) => $"layer_{index + 1}";

    /// <summary>
    /// Freezes the layers up to and including <paramref name="layer"/>, named <c>layer_1</c> … <c>layer_n</c> in order
    /// (<see cref="LayerName"/>); see <see cref="ModelGraph.FreezeUpTo"/>.
    /// </summary>
    /// <exception cref="ArgumentException">No layer of that name; the message lists the names.</exception>
    public void FreezeUpTo(string layer, bool freezeStatistics = true) => Graph.FreezeUpTo(layer, freezeStatistics);

    /// <summary>Makes every layer trainable again; see <see cref="ModelGraph.Unfreeze"/>.</summary>
    public void Unfreeze() => Graph.Unfreeze();

    /// <summary>Builds every layer in turn; parameters are initialised from <paramref name="random"/>.</summary>
    /// <exception cref="ArgumentException">A layer rejects its input shape; the message names the layer's position.</exception>
    public void Build(int[] inputShape, RandomSource random)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        ArgumentNullException.ThrowIfNull(random);
        if (IsBuilt) throw new InvalidOperationException("The network is already built.");
        var graph = new GraphBuilder();
        var node = graph.Input(InputName, inputShape);
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < _layers.Count; i++)
        {
            node = graph.Apply(_layers[i], node, LayerName(i));
            positions[node.Name] = i + 1;
        }
        graph.Output(OutputName, node);
        _graph = graph.BuildChain(random, requireUnbuilt: true, n => $"Layer {positions[n.Name]} ({n.Layer!.TypeName})");
    }

    /// <summary>Runs every layer forward. The returned tensor is a layer buffer, valid until the next call.</summary>
    public Tensor Forward(Tensor input, bool training) => Graph.Forward(input, training);

    /// <summary>Runs every layer backward from dL/dy, accumulating parameter gradients; returns dL/dx.</summary>
    public Tensor Backward(Tensor outputGradient)
    {
        _outputGradient[0] = outputGradient;
        return Graph.Backward(_outputGradient)[0];
    }

    /// <summary>
    /// Accumulates every parameter gradient from dL/dy without dL/dx of the network's input, which training
    /// never uses: backward stops at the first layer with parameters, and that layer skips its input gradient.
    /// </summary>
    public void BackwardParametersOnly(Tensor outputGradient)
    {
        _outputGradient[0] = outputGradient;
        Graph.BackwardParametersOnly(_outputGradient);
    }

    /// <summary>Sets every parameter gradient to zero.</summary>
    public void ZeroGradients() => _graph?.ZeroGradients();

    /// <summary>Every layer's non-trainable state (such as batch-norm running statistics), in layer order.</summary>
    public IReadOnlyList<Parameter> States => _graph?.States ?? [];

    /// <summary>Copies of every parameter's values, in <see cref="Parameters"/> order, then of every <see cref="States"/> value.</summary>
    public float[][] GetWeights() => Graph.GetWeights();

    /// <summary>Copies values from <see cref="GetWeights"/>' form back into the parameters.</summary>
    /// <exception cref="ArgumentException">The arrays do not match the parameters' sizes.</exception>
    public void SetWeights(IReadOnlyList<float[]> weights) => Graph.SetWeights(weights);

    /// <summary>Whether every parameter value is finite.</summary>
    public bool AllWeightsFinite(out string? firstBad) => Graph.AllWeightsFinite(out firstBad);

    /// <summary>A table of layers with output shapes and parameter counts.</summary>
    public string Summary()
    {
        var sb = new StringBuilder();
        sb.AppendLine($"Input {Tensor.FormatShape(InputShape)}");
        foreach (var layer in _layers)
            sb.AppendLine($"{layer,-60} -> {Tensor.FormatShape(layer.OutputShape),-12} {layer.ParameterCount,10:N0} parameters");
        sb.Append($"Total {ParameterCount:N0} parameters");
        return sb.ToString();
    }

    private static InvalidOperationException NotBuilt() => new("The network has not been built: call Build with the input shape first.");
}
