namespace MLExt.Trainers;

/// <summary>
/// The network's outputs for the current row of a cursor, computed once per row on first request.
/// Each cursor has its own, so cursors can be used from different threads.
/// </summary>
internal sealed class ScoredRow
{
    private readonly Func<long> _position;
    private readonly Action<float[][]> _readInputs;
    private readonly InferenceRunner _runner;
    private readonly float[][] _inputs;
    private long _scoredPosition = -1;

    /// <param name="position">The cursor's position.</param>
    /// <param name="readInputs">Writes the current row's values of each graph input.</param>
    /// <param name="runner">The model.</param>
    public ScoredRow(Func<long> position, Action<float[][]> readInputs, InferenceRunner runner)
    {
        _position = position;
        _readInputs = readInputs;
        _runner = runner;
        _inputs = runner.InputSizes.Select(size => new float[size]).ToArray();
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
            _readInputs(_inputs);
            _runner.Run(_inputs, Outputs);
            _scoredPosition = position;
        }
        return Outputs;
    }
}
