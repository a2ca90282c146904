using System.Numerics.Tensors;

namespace MLExt.Neural.Kernels;

/// <summary>
/// Unfolds image windows into the columns of a matrix so that a convolution becomes one GEMM, and folds
/// column gradients back. For channels [c0, c0 + count) of one image, row r = ((c − c0)·KH + ky)·KW + kx
/// and column <c>offset</c> + oy·OW + ox of <c>columns</c> (rows <c>rowLength</c> long) holds
/// x[c, iy, ix] (zero outside the image), so several images can sit side by side in one matrix.
/// </summary>
internal static class Im2Col
{
    /// <summary>columns[r, offset + p] = x[c, iy, ix] (or 0 in the padding).</summary>
    public static void Unfold(ReadOnlySpan<float> image, in ConvGeometry g, int c0, int count, Span<float> columns, int rowLength, int offset)
    {
        int ow = g.OutputWidth;
        for (int c = 0; c < count; c++)
        {
            var plane = image.Slice((c0 + c) * g.InputPlane, g.InputPlane);
            for (int ky = 0; ky < g.KernelHeight; ky++)
                for (int kx = 0; kx < g.KernelWidth; kx++)
                {
                    int r = (c * g.KernelHeight + ky) * g.KernelWidth + kx;
                    var row = columns.Slice(r * rowLength + offset, g.OutputPlane);
                    var (start, end) = g.ValidColumns(kx);
                    for (int oy = 0; oy < g.OutputHeight; oy++)
                    {
                        var target = row.Slice(oy * ow, ow);
                        int iy = g.InputRow(oy, ky);
                        if ((uint)iy >= (uint)g.Height || start >= end) { target.Clear(); continue; }
                        target[..start].Clear();
                        target[end..].Clear();
                        var source = plane.Slice(iy * g.Width, g.Width);
                        if (g.StrideWidth == 1)
                            source.Slice(g.InputColumn(start, kx), end - start).CopyTo(target[start..end]);
                        else
                            for (int ox = start; ox < end; ox++) target[ox] = source[g.InputColumn(ox, kx)];
                    }
                }
        }
    }

    /// <summary>dx[c, iy, ix] += columns[r, offset + p] for every window position that read x[c, iy, ix].</summary>
    public static void FoldAdd(ReadOnlySpan<float> columns, in ConvGeometry g, int c0, int count, int rowLength, int offset, Span<float> imageGradient)
    {
        int ow = g.OutputWidth;
        for (int c = 0; c < count; c++)
        {
            var plane = imageGradient.Slice((c0 + c) * g.InputPlane, g.InputPlane);
            for (int ky = 0; ky < g.KernelHeight; ky++)
                for (int kx = 0; kx < g.KernelWidth; kx++)
                {
                    int r = (c * g.KernelHeight + ky) * g.KernelWidth + kx;
                    var row = columns.Slice(r * rowLength + offset, g.OutputPlane);
                    var (start, end) = g.ValidColumns(kx);
                    if (start >= end) continue;
                    for (int oy = 0; oy < g.OutputHeight; oy++)
                    {
                        int iy = g.InputRow(oy, ky);
                        if ((uint)iy >= (uint)g.Height) continue;
                        var source = row.Slice(oy * ow, ow);
                        var target = plane.Slice(iy * g.Width, g.Width);
                        if (g.StrideWidth == 1)
                        {
                            var span = target.Slice(g.InputColumn(start, kx), end - start);
                            TensorPrimitives.Add(span, source[start..end], span);
                        }
                        else
                            for (int ox = start; ox < end; ox++) target[g.InputColumn(ox, kx)] += source[ox];
                    }
                }
        }
    }
}
