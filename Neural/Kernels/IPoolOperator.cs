using System.Numerics;

namespace MLExt.Neural.Kernels;

/// <summary>
/// An associative reduction over a pooling window (max, sum), written once for a whole vector and once
/// for a single value, in the style of <c>TensorPrimitives</c>' operators. Both forms do the same arithmetic.
/// </summary>
internal interface IPoolOperator
{
    /// <summary>The reduction of two vectors, lane by lane.</summary>
    Vector<float> Invoke(Vector<float> x, Vector<float> y);

    /// <summary>The reduction of two values.</summary>
    float Invoke(float x, float y);
}

/// <summary>max(x, y) (NaN propagates, as in <see cref="MathF.Max(float, float)"/>).</summary>
internal readonly struct MaxPoolOperator : IPoolOperator
{
    public Vector<float> Invoke(Vector<float> x, Vector<float> y) => Vector.Max(x, y);

    public float Invoke(float x, float y) => MathF.Max(x, y);
}

/// <summary>x + y.</summary>
internal readonly struct SumPoolOperator : IPoolOperator
{
    public Vector<float> Invoke(Vector<float> x, Vector<float> y) => x + y;

    public float Invoke(float x, float y) => x + y;
}
