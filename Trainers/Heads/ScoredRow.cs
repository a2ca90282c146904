using MLExt.Neural;

namespace MLExt.Trainers;

/// <summary>
/// The network's outputs for the current row of a cursor, computed once per row on first request.
/// Each cursor has its own, so cursors can be used from different threads.
/// </summary>
internal sealed class ScoredRow
{
    private readonly Func<long> _position;
    private readonly Action<float[]> _readFeatures;
    private readonly InferenceRunner _runner;
    private readonly float[] _features;
    private long _scoredPosition = -1;

    public ScoredRow(Func<long> position, Action<float[]> readFeatures, InferenceRunner runner)
    {
        _position = position;
        _readFeatures = readFeatures;
        _runner = runner;
        _features = new float[runner.FeatureSize];
        Outputs = new float[runner.OutputSize];
    }

    /// <summary>The network's raw outputs for the current row (logits for classification).</summary>
    public float[] Outputs { get; }

    /// <summary>Computes the outputs if the cursor has moved since the last call.</summary>
    public float[] Ensure()
    {
        long position = _position();
        if (position != _scoredPosition)
        {
            _readFeatures(_features);
            _runner.Run(_features, Outputs);
            _scoredPosition = position;
        }
        return Outputs;
    }
}
