using System.Numerics;
using System.Runtime.InteropServices;

namespace MLExt.Neural.Kernels;

/// <summary>Runs an <see cref="IElementwiseOperator"/> over spans: whole vectors, then the tail one value at a time.</summary>
internal static class Elementwise
{
    /// <summary>
    /// destination[i] = op(x[i], y[i], z[i]). Inputs may be the same span as each other or as the
    /// destination (each element is read before it is written).
    /// </summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static void Apply<TOperator>(TOperator op, ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> z, Span<float> destination)
        where TOperator : struct, IElementwiseOperator
    {
        int length = destination.Length;
        if (x.Length != length || y.Length != length || z.Length != length)
            throw new ArgumentException($"Element-wise spans differ in length: {x.Length}, {y.Length}, {z.Length} → {length}.", nameof(destination));
        ref float xs = ref MemoryMarshal.GetReference(x);
        ref float ys = ref MemoryMarshal.GetReference(y);
        ref float zs = ref MemoryMarshal.GetReference(z);
        ref float ds = ref MemoryMarshal.GetReference(destination);
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var result = op.Invoke(Vector.LoadUnsafe(ref xs, (nuint)i), Vector.LoadUnsafe(ref ys, (nuint)i), Vector.LoadUnsafe(ref zs, (nuint)i));
                result.StoreUnsafe(ref ds, (nuint)i);
            }
        }
        for (; i < length; i++) destination[i] = op.Invoke(x[i], y[i], z[i]);
    }

    /// <summary>destination[i] = op(x[i], y[i]) (the operator's third input is <paramref name="y"/> again).</summary>
    public static void Apply<TOperator>(TOperator op, ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> destination)
        where TOperator : struct, IElementwiseOperator => Apply(op, x, y, y, destination);

    /// <summary>destination[i] = op(x[i]) (the operator's other inputs are <paramref name="x"/> again).</summary>
    public static void Apply<TOperator>(TOperator op, ReadOnlySpan<float> x, Span<float> destination)
        where TOperator : struct, IElementwiseOperator => Apply(op, x, x, x, destination);
}
