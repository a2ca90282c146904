namespace MLExt.Neural;

/// <summary>
/// An activation's forward map and derivative over flat spans. Element-wise functions ignore
/// <c>rowLength</c>; softmax normalises each run of <c>rowLength</c> values.
/// </summary>
public abstract class ActivationFunction
{
    /// <summary>Which activation this is.</summary>
    public abstract Activation Kind { get; }

    /// <summary>The slope parameter α for LeakyReLU and ELU; 0 for others.</summary>
    public virtual float Alpha => 0f;

    /// <summary>y = f(x). <paramref name="x"/> and <paramref name="y"/> have the same length.</summary>
    public abstract void Forward(ReadOnlySpan<float> x, Span<float> y, int rowLength);

    /// <summary>
    /// dx = (∂y/∂x)ᵀ·dy, given the forward input <paramref name="x"/> and output <paramref name="y"/>.
    /// Writes (does not accumulate) into <paramref name="dx"/>.
    /// </summary>
    public abstract void Backward(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx, int rowLength);

    /// <summary>The function for <paramref name="kind"/>; <paramref name="alpha"/> is used by LeakyReLU and ELU (NaN picks their default).</summary>
    public static ActivationFunction Create(Activation kind, float alpha = float.NaN) => kind switch
    {
        Activation.None => new Identity(),
        Activation.Sigmoid => new Sigmoid(),
        Activation.Tanh => new Tanh(),
        Activation.Relu => new Relu(),
        Activation.LeakyRelu => new LeakyRelu(float.IsNaN(alpha) ? 0.01f : alpha),
        Activation.Elu => new Elu(float.IsNaN(alpha) ? 1f : alpha),
        Activation.Gelu => new Gelu(),
        Activation.Softmax => new Softmax(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown activation."),
    };
}
