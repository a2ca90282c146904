using System.Numerics;
using System.Runtime.InteropServices;

namespace MLExt.Neural;

/// <summary>
/// Σ x² of a span of floats accumulated in double, in a fixed order (vector lanes, then the lanes
/// added in order, then the tail), so the same span always gives the same bits.
/// </summary>
internal static class SumOfSquaresKernel
{
    /// <summary>Σ x² in double.</summary>
    public static double Of(ReadOnlySpan<float> x)
    {
        ref float xr = ref MemoryMarshal.GetReference(x);
        int i = 0;
        double sum = 0;
        if (Vector.IsHardwareAccelerated)
        {
            Vector<double> low = Vector<double>.Zero, high = Vector<double>.Zero;
            for (; i <= x.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                Vector.Widen(Vector.LoadUnsafe(ref xr, (nuint)i), out var lo, out var hi);
                low += lo * lo;
                high += hi * hi;
            }
            for (int lane = 0; lane < Vector<double>.Count; lane++) sum += low[lane] + high[lane];
        }
        for (; i < x.Length; i++) sum += (double)x[i] * x[i];
        return sum;
    }
}
