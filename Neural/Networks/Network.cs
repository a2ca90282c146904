using System.Text;

namespace MLExt.Neural;

/// <summary>
/// A sequential network: a plain, inspectable list of layers applied in order. Build it once from
/// the shape of one input sample; then <see cref="Forward"/> maps <c>[n, ...InputShape]</c> to
/// <c>[n, ...OutputShape]</c> and <see cref="Backward"/> propagates dL/dy back through every layer.
/// </summary>
public sealed class Network
{
    private readonly List<Layer> _layers;
    private Parameter[] _parameters = [], _states = [];
    private int[]? _inputShape, _outputShape;

    /// <summary>Creates an unbuilt network from layers (used as they are, not copied).</summary>
    /// <exception cref="ArgumentException">No layers, or a layer appears twice.</exception>
    public Network(IEnumerable<Layer> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        _layers = layers.ToList();
        if (_layers.Count == 0) throw new ArgumentException("A network needs at least one layer.", nameof(layers));
        if (_layers.Distinct().Count() != _layers.Count) throw new ArgumentException("The same layer instance appears twice; layers hold state, use separate instances.", nameof(layers));
    }

    /// <summary>The layers, in order.</summary>
    public IReadOnlyList<Layer> Layers => _layers;

    /// <summary>Whether <see cref="Build"/> has run.</summary>
    public bool IsBuilt => _outputShape is not null;

    /// <summary>Shape of one input sample.</summary>
    public int[] InputShape => _inputShape ?? throw NotBuilt();

    /// <summary>Shape of one output sample.</summary>
    public int[] OutputShape => _outputShape ?? throw NotBuilt();

    /// <summary>Every layer's parameters, in layer order.</summary>
    public IReadOnlyList<Parameter> Parameters => _parameters;

    /// <summary>Number of trainable values.</summary>
    public long ParameterCount => _parameters.Sum(p => (long)p.Value.Length);

    /// <summary>Builds every layer in turn; parameters are initialised from <paramref name="random"/>.</summary>
    /// <exception cref="ArgumentException">A layer rejects its input shape; the message names the layer's position.</exception>
    public void Build(int[] inputShape, RandomSource random)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        if (IsBuilt) throw new InvalidOperationException("The network is already built.");
        var shape = inputShape;
        for (int i = 0; i < _layers.Count; i++)
        {
            try
            {
                shape = _layers[i].Build(shape, random);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"Layer {i + 1} ({_layers[i].TypeName}) cannot take input {Tensor.FormatShape(shape)}: {e.Message}", nameof(inputShape), e);
            }
        }
        _inputShape = (int[])inputShape.Clone();
        _outputShape = shape;
        _parameters = _layers.SelectMany(l => l.Parameters).ToArray();
        _states = _layers.SelectMany(l => l.States).ToArray();
    }

    /// <summary>Runs every layer forward. The returned tensor is a layer buffer, valid until the next call.</summary>
    public Tensor Forward(Tensor input, bool training)
    {
        if (!IsBuilt) throw NotBuilt();
        var x = input;
        Tensor? mask = null;
        foreach (var layer in _layers)
        {
            // The padding mask of sequence inputs flows forward alongside the activations.
            if (layer is ISequenceMaskConsumer consumer) consumer.SetInputMask(mask);
            x = layer.Forward(x, training);
            if (layer is ISequenceMaskSource source) mask = source.OutputMask;
        }
        return x;
    }

    /// <summary>Runs every layer backward from dL/dy, accumulating parameter gradients; returns dL/dx.</summary>
    public Tensor Backward(Tensor outputGradient)
    {
        var g = outputGradient;
        for (int i = _layers.Count - 1; i >= 0; i--) g = _layers[i].Backward(g);
        return g;
    }

    /// <summary>
    /// Accumulates every parameter gradient from dL/dy without dL/dx of the network's input, which training
    /// never uses: backward stops at the first layer with parameters, and that layer skips its input gradient.
    /// </summary>
    public void BackwardParametersOnly(Tensor outputGradient)
    {
        if (!IsBuilt) throw NotBuilt();
        int first = 0;
        while (first < _layers.Count - 1 && _layers[first].Parameters.Count == 0) first++;
        var g = outputGradient;
        for (int i = _layers.Count - 1; i > first; i--) g = _layers[i].Backward(g);
        _layers[first].BackwardParametersOnly(g);
    }

    /// <summary>Sets every parameter gradient to zero.</summary>
    public void ZeroGradients()
    {
        foreach (var p in _parameters) p.ZeroGradient();
    }

    /// <summary>Every layer's non-trainable state (such as batch-norm running statistics), in layer order.</summary>
    public IReadOnlyList<Parameter> States => _states;

    /// <summary>Copies of every parameter's values, in <see cref="Parameters"/> order, then of every <see cref="States"/> value.</summary>
    public float[][] GetWeights() => _parameters.Concat(_states).Select(p => p.Value.Span.ToArray()).ToArray();

    /// <summary>Copies values from <see cref="GetWeights"/>' form back into the parameters.</summary>
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
                throw new ArgumentException($"Weight array {i} ({targets[i]}) needs {targets[i].Value.Length} values, got {weights[i].Length}.", nameof(weights));
            weights[i].CopyTo(targets[i].Value.Span);
        }
    }

    /// <summary>Whether every parameter value is finite.</summary>
    public bool AllWeightsFinite(out string? firstBad)
    {
        foreach (var layer in _layers)
            foreach (var p in layer.Parameters)
                foreach (float v in p.Value.Span)
                    if (!float.IsFinite(v)) { firstBad = $"{layer.TypeName}.{p.Name}"; return false; }
        firstBad = null;
        return true;
    }

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
