namespace MLExt.Neural;

/// <summary>Leaky ReLU: y = x for x &gt; 0, αx otherwise; dy/dx = 1 or α.</summary>
public sealed class LeakyRelu(float alpha) : ActivationFunction
{
    /// <inheritdoc/>
    public override Activation Kind => Activation.LeakyRelu;

    /// <inheritdoc/>
    public override float Alpha => alpha;

    /// <inheritdoc/>
    public override void Forward(ReadOnlySpan<float> x, Span<float> y, int rowLength)
    {
        for (int i = 0; i < y.Length; i++) y[i] = x[i] > 0f ? x[i] : alpha * x[i];
    }

    /// <inheritdoc/>
    public override void Backward(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx, int rowLength)
    {
        for (int i = 0; i < dx.Length; i++) dx[i] = x[i] > 0f ? dy[i] : alpha * dy[i];
    }
}
