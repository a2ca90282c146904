using MLExt.Neural;

namespace MLExt.Trainers;

/// <summary>
/// Runs a trained model graph in inference mode one row at a time. Layers keep per-call buffers, so calls
/// are serialised with a lock: safe from any number of cursors and prediction engines.
/// </summary>
internal sealed class InferenceRunner
{
    private readonly ModelGraph _graph;
    private readonly int _output;
    private readonly Tensor[] _inputs;
    private readonly object _gate = new();

    public InferenceRunner(ModelGraph graph, int output)
    {
        _graph = graph;
        _output = output;
        InputSizes = graph.Inputs.Select(i => Tensor.Product(i.Shape)).ToArray();
        OutputSize = Tensor.Product(graph.Outputs[output].Shape);
        _inputs = graph.Inputs.Select(i => new Tensor(Tensor.BatchShape(1, i.Shape))).ToArray();
    }

    /// <summary>Values per row of each graph input, in input order.</summary>
    public int[] InputSizes { get; }

    public int OutputSize { get; }

    /// <summary>outputs = graph(inputs)[trained output], inference mode; one array per graph input.</summary>
    public void Run(float[][] inputs, Span<float> outputs)
    {
        lock (_gate)
        {
            for (int i = 0; i < _inputs.Length; i++) inputs[i].CopyTo(_inputs[i].Span);
            _graph.Forward(_inputs, training: false)[_output].Span.CopyTo(outputs);
        }
    }
}
