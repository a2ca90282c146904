using System.Numerics;
using System.Runtime.InteropServices;

namespace MLExt.Neural.Kernels;

/// <summary>
/// Pooling as a separable window reduction over whole vectors: for each output row, the window's input
/// rows are reduced into one row (down), then that row's neighbouring columns into window-wide values
/// (across); each output then picks its window's value. Windows clipped by padding are reduced from the
/// same row one value at a time. The reduction order inside a window differs from a row-major scan, so
/// only order-independent operators (max) give bit-equal results; sums agree to rounding.
/// </summary>
internal static class WindowReduce
{
    /// <summary>
    /// output[p] = op over the window of output position p (rows [Y0, Y1), columns [X0, X1) of
    /// <paramref name="plane"/>), or 0 for an empty window; <paramref name="scratch"/> holds at least 2·width values.
    /// </summary>
    public static void Plane<TOperator>(ReadOnlySpan<float> plane, Span<float> output, in ConvGeometry g,
        ReadOnlySpan<(int Y0, int Y1, int X0, int X1)> windows, Span<float> scratch)
        where TOperator : struct, IPoolOperator
    {
        int width = g.Width, kw = g.KernelWidth, ow = g.OutputWidth;
        var row = scratch[..width];
        int across = width - kw + 1; // columns where a whole, unclipped window starts
        var wide = scratch.Slice(width, Math.Max(across, 0));
        for (int oy = 0; oy < g.OutputHeight; oy++)
        {
            var outputs = output.Slice(oy * ow, ow);
            var (y0, y1, _, _) = windows[oy * ow];
            if (y0 >= y1)
            {
                outputs.Clear();
                continue;
            }
            // down: row = op over input rows y0 … y1−1
            plane.Slice(y0 * width, width).CopyTo(row);
            for (int iy = y0 + 1; iy < y1; iy++) Combine<TOperator>(row, plane.Slice(iy * width, width));
            // across: wide[i] = op over row[i … i + kw − 1]
            if (across > 0)
            {
                row[..across].CopyTo(wide);
                for (int kx = 1; kx < kw; kx++) Combine<TOperator>(wide, row.Slice(kx, across));
            }
            for (int ox = 0; ox < ow; ox++)
            {
                var (_, _, x0, x1) = windows[oy * ow + ox];
                if (x1 - x0 == kw) outputs[ox] = wide[x0];
                else if (x0 >= x1) outputs[ox] = 0f;
                else
                {
                    float value = row[x0];
                    for (int ix = x0 + 1; ix < x1; ix++) value = default(TOperator).Invoke(value, row[ix]);
                    outputs[ox] = value;
                }
            }
        }
    }

    // accumulator[i] = op(accumulator[i], values[i]) over whole vectors, then the tail
    private static void Combine<TOperator>(Span<float> accumulator, ReadOnlySpan<float> values)
        where TOperator : struct, IPoolOperator
    {
        ref float a = ref MemoryMarshal.GetReference(accumulator);
        ref float v = ref MemoryMarshal.GetReference(values);
        int length = accumulator.Length, i = 0;
        if (Vector.IsHardwareAccelerated)
            for (; i <= length - Vector<float>.Count; i += Vector<float>.Count)
                default(TOperator).Invoke(Vector.LoadUnsafe(ref a, (nuint)i), Vector.LoadUnsafe(ref v, (nuint)i)).StoreUnsafe(ref a, (nuint)i);
        for (; i < length; i++) accumulator[i] = default(TOperator).Invoke(accumulator[i], values[i]);
    }
}
