namespace MLExt.Neural;

/// <summary>
/// GELU, tanh approximation: y = ½x(1 + tanh u), u = √(2/π)(x + 0.044715x³);
/// dy/dx = ½(1 + tanh u) + ½x(1 − tanh²u)·√(2/π)(1 + 3·0.044715x²).
/// </summary>
public sealed class Gelu : ActivationFunction
{
    private const float C = 0.7978845608f; // √(2/π)
    private const float A = 0.044715f;

    /// <inheritdoc/>
    public override Activation Kind => Activation.Gelu;

    /// <inheritdoc/>
    public override void Forward(ReadOnlySpan<float> x, Span<float> y, int rowLength)
    {
        for (int i = 0; i < y.Length; i++)
        {
            float v = x[i];
            y[i] = 0.5f * v * (1f + MathF.Tanh(C * (v + A * v * v * v)));
        }
    }

    /// <inheritdoc/>
    public override void Backward(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx, int rowLength)
    {
        for (int i = 0; i < dx.Length; i++)
        {
            float v = x[i], t = MathF.Tanh(C * (v + A * v * v * v));
            dx[i] = dy[i] * (0.5f * (1f + t) + 0.5f * v * (1f - t * t) * C * (1f + 3f * A * v * v));
        }
    }
}
