namespace MLExt.Neural;

/// <summary>
/// The named inner layers of a composite layer, run in order: built one after the other, forward in
/// order, backward in reverse. Their parameters and states are exposed under <c>name.parameter</c>.
/// </summary>
internal sealed class LayerSequence
{
    private readonly (string Name, Layer Layer)[] _layers;
    private Parameter[] _parameters = [], _states = [];

    public LayerSequence(params (string Name, Layer Layer)[] layers) => _layers = layers;

    /// <summary>The inner layers, in order.</summary>
    public IReadOnlyList<Layer> Layers => _layers.Select(l => l.Layer).ToArray();

    /// <summary>The inner parameters, prefixed with their layer's name.</summary>
    public IReadOnlyList<Parameter> Parameters => _parameters;

    /// <summary>The inner states, prefixed with their layer's name.</summary>
    public IReadOnlyList<Parameter> States => _states;

    /// <summary>Builds every inner layer; returns the last output shape.</summary>
    /// <exception cref="ArgumentException">An inner layer rejects its input; names <paramref name="owner"/> and the inner layer.</exception>
    public int[] Build(string owner, int[] inputShape, RandomSource random)
    {
        var shape = inputShape;
        foreach (var (name, layer) in _layers)
        {
            try
            {
                shape = layer.Build(shape, random);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"{owner}: inner layer '{name}' ({layer.TypeName}) cannot take input {Tensor.FormatShape(shape)}: {e.Message}", nameof(inputShape), e);
            }
        }
        _parameters = _layers.SelectMany(l => l.Layer.Parameters.Select(p => p.Renamed($"{l.Name}.{p.Name}"))).ToArray();
        _states = _layers.SelectMany(l => l.Layer.States.Select(p => p.Renamed($"{l.Name}.{p.Name}"))).ToArray();
        return shape;
    }

    public Tensor Forward(Tensor input, bool training)
    {
        var x = input;
        foreach (var (_, layer) in _layers) x = layer.Forward(x, training);
        return x;
    }

    public Tensor Backward(Tensor outputGradient)
    {
        var g = outputGradient;
        for (int i = _layers.Length - 1; i >= 0; i--) g = _layers[i].Layer.Backward(g);
        return g;
    }
}
