namespace MLExt.Neural;

/// <summary>Exponential linear unit: y = x for x &gt; 0, α(eˣ − 1) otherwise; dy/dx = 1 or y + α.</summary>
public sealed class Elu(float alpha) : ActivationFunction
{
    /// <inheritdoc/>
    public override Activation Kind => Activation.Elu;

    /// <inheritdoc/>
    public override float Alpha => alpha;

    /// <inheritdoc/>
    public override void Forward(ReadOnlySpan<float> x, Span<float> y, int rowLength)
    {
        for (int i = 0; i < y.Length; i++) y[i] = x[i] > 0f ? x[i] : alpha * (MathF.Exp(x[i]) - 1f);
    }

    /// <inheritdoc/>
    public override void Backward(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx, int rowLength)
    {
        for (int i = 0; i < dx.Length; i++) dx[i] = x[i] > 0f ? dy[i] : dy[i] * (y[i] + alpha);
    }
}
