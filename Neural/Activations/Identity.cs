namespace MLExt.Neural;

/// <summary>Identity: y = x, dy/dx = 1.</summary>
public sealed class Identity : ActivationFunction
{
    /// <inheritdoc/>
    public override Activation Kind => Activation.None;

    /// <inheritdoc/>
    public override void Forward(ReadOnlySpan<float> x, Span<float> y, int rowLength) => x.CopyTo(y);

    /// <inheritdoc/>
    public override void Backward(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx, int rowLength) => dy.CopyTo(dx);
}
