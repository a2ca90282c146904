using MLExt.Neural;

namespace MLExt.Trainers;

/// <summary>
/// Runs a trained network in inference mode one row at a time. Layers keep per-call buffers, so calls
/// are serialised with a lock: safe from any number of cursors and prediction engines.
/// </summary>
internal sealed class InferenceRunner
{
    private readonly Network _network;
    private readonly Tensor _input;
    private readonly object _gate = new();

    public InferenceRunner(Network network)
    {
        _network = network;
        FeatureSize = Tensor.Product(network.InputShape);
        OutputSize = Tensor.Product(network.OutputShape);
        _input = new Tensor(Tensor.BatchShape(1, network.InputShape));
    }

    public int FeatureSize { get; }

    public int OutputSize { get; }

    /// <summary>outputs = network(features), inference mode.</summary>
    public void Run(ReadOnlySpan<float> features, Span<float> outputs)
    {
        lock (_gate)
        {
            features.CopyTo(_input.Span);
            _network.Forward(_input, training: false).Span.CopyTo(outputs);
        }
    }
}
