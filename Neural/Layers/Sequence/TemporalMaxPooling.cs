namespace MLExt.Neural;

/// <summary>
/// Maximum over the real steps, per feature: y_j = max_{t∈R} x_{t,j} (0 when R is empty). Backward sends dy_j to the
/// step that attained it (the first on ties).
/// </summary>
public sealed class TemporalMaxPooling : TemporalPooling
{
    private int[] _argmax = [];

    /// <inheritdoc/>
    protected override void Pool(int row, ReadOnlySpan<float> sequence, Span<float> output)
    {
        int features = Features;
        if (_argmax.Length < (row + 1) * features) Array.Resize(ref _argmax, Math.Max((row + 1) * features, 2 * _argmax.Length));
        var argmax = _argmax.AsSpan(row * features, features);
        // y_j = max_{t∈R} x_{t,j}, remembering the step
        argmax.Fill(-1);
        output.Clear();
        for (int t = 0; t < Steps; t++)
        {
            if (!IsReal(row, t)) continue;
            var x = sequence.Slice(t * features, features);
            for (int j = 0; j < features; j++)
                if (argmax[j] < 0 || x[j] > output[j]) (output[j], argmax[j]) = (x[j], t);
        }
    }

    /// <inheritdoc/>
    protected override void Unpool(int row, ReadOnlySpan<float> outputGradient, Span<float> inputGradient)
    {
        // dx_{t,j} = dy_j where t = argmax_j, else 0
        inputGradient.Clear();
        var argmax = _argmax.AsSpan(row * Features, Features);
        for (int j = 0; j < Features; j++)
            if (argmax[j] >= 0) inputGradient[argmax[j] * Features + j] = outputGradient[j];
    }

    internal static TemporalMaxPooling Create(LayerConfig config) => new();
}
