using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MLExt.Neural.Kernels;

/// <summary>
/// Unfolds image windows into the columns of a matrix so that a convolution becomes one GEMM, and folds
/// column gradients back. For channels [c0, c0 + count) of one image, row r = ((c − c0)·KH + ky)·KW + kx
/// and column <c>offset</c> + oy·OW + ox of <c>columns</c> (rows <c>rowLength</c> long) holds
/// x[c, iy, ix] (zero outside the image), so several images can sit side by side in one matrix.
/// </summary>
/// <remarks>
/// The runs copied are as short as an output row (a few to a few dozen values), too short for span slicing
/// and copy calls to pay, so both loops check the buffers once up front and then index with
/// <see cref="Unsafe.Add{T}(ref T, int)"/>; <see cref="ConvGeometry.ValidColumns"/> keeps every index inside the image.
/// At stride 1 the fold adds whole vectors of a run (each value still gets the same additions in the same order).
/// </remarks>
internal static class Im2Col
{
    /// <summary>columns[r, offset + p] = x[c, iy, ix] (or 0 in the padding).</summary>
    /// <exception cref="ArgumentException">A buffer is too small for the geometry.</exception>
    public static void Unfold(ReadOnlySpan<float> image, in ConvGeometry g, int c0, int count, Span<float> columns, int rowLength, int offset)
    {
        CheckSizes(image.Length, columns.Length, g, c0, count, rowLength, offset);
        int ow = g.OutputWidth, oh = g.OutputHeight, width = g.Width, height = g.Height, stride = g.StrideWidth, inputPlane = g.InputPlane;
        ref float x = ref MemoryMarshal.GetReference(image);
        ref float col = ref MemoryMarshal.GetReference(columns);
        for (int c = 0; c < count; c++)
            for (int ky = 0; ky < g.KernelHeight; ky++)
                for (int kx = 0; kx < g.KernelWidth; kx++)
                {
                    int rowStart = ((c * g.KernelHeight + ky) * g.KernelWidth + kx) * rowLength + offset;
                    int shift = (c0 + c) * inputPlane + g.InputColumn(0, kx); // x index of output column 0 in input row 0
                    var (start, end) = g.ValidColumns(kx);
                    for (int oy = 0; oy < oh; oy++)
                    {
                        ref float target = ref Unsafe.Add(ref col, rowStart + oy * ow);
                        int iy = g.InputRow(oy, ky), ox = 0;
                        if ((uint)iy < (uint)height)
                        {
                            for (; ox < start; ox++) Unsafe.Add(ref target, ox) = 0f;
                            ref float source = ref Unsafe.Add(ref x, shift + iy * width);
                            if (stride == 1)
                            {
                                Unsafe.CopyBlockUnaligned(ref Unsafe.As<float, byte>(ref Unsafe.Add(ref target, ox)),
                                    ref Unsafe.As<float, byte>(ref Unsafe.Add(ref source, ox)), (uint)((end - ox) * sizeof(float)));
                                ox = end;
                            }
                            else
                                for (; ox < end; ox++) Unsafe.Add(ref target, ox) = Unsafe.Add(ref source, ox * stride);
                        }
                        for (; ox < ow; ox++) Unsafe.Add(ref target, ox) = 0f;
                    }
                }
    }

    /// <summary>dx[c, iy, ix] += columns[r, offset + p] for every window position that read x[c, iy, ix].</summary>
    /// <exception cref="ArgumentException">A buffer is too small for the geometry.</exception>
    public static void FoldAdd(ReadOnlySpan<float> columns, in ConvGeometry g, int c0, int count, int rowLength, int offset, Span<float> imageGradient)
    {
        CheckSizes(imageGradient.Length, columns.Length, g, c0, count, rowLength, offset);
        int ow = g.OutputWidth, oh = g.OutputHeight, width = g.Width, height = g.Height, stride = g.StrideWidth, inputPlane = g.InputPlane;
        ref float dx = ref MemoryMarshal.GetReference(imageGradient);
        ref float col = ref MemoryMarshal.GetReference(columns);
        for (int c = 0; c < count; c++)
            for (int ky = 0; ky < g.KernelHeight; ky++)
                for (int kx = 0; kx < g.KernelWidth; kx++)
                {
                    int rowStart = ((c * g.KernelHeight + ky) * g.KernelWidth + kx) * rowLength + offset;
                    int shift = (c0 + c) * inputPlane + g.InputColumn(0, kx);
                    var (start, end) = g.ValidColumns(kx);
                    for (int oy = 0; oy < oh; oy++)
                    {
                        int iy = g.InputRow(oy, ky);
                        if ((uint)iy >= (uint)height) continue;
                        ref float source = ref Unsafe.Add(ref col, rowStart + oy * ow);
                        ref float target = ref Unsafe.Add(ref dx, shift + iy * width);
                        int ox = start;
                        if (stride == 1 && Vector.IsHardwareAccelerated)
                            for (; ox <= end - Vector<float>.Count; ox += Vector<float>.Count)
                                (Vector.LoadUnsafe(ref target, (nuint)ox) + Vector.LoadUnsafe(ref source, (nuint)ox)).StoreUnsafe(ref target, (nuint)ox);
                        for (; ox < end; ox++) Unsafe.Add(ref target, ox * stride) += Unsafe.Add(ref source, ox);
                    }
                }
    }

    private static void CheckSizes(int imageLength, int columnsLength, in ConvGeometry g, int c0, int count, int rowLength, int offset)
    {
        if (c0 < 0 || count < 0 || offset < 0 || offset + g.OutputPlane > rowLength || (long)(c0 + count) * g.InputPlane > imageLength
            || (count > 0 && ((long)count * g.KernelArea - 1) * rowLength + offset + g.OutputPlane > columnsLength))
            throw new ArgumentException(
                $"Im2Col: channels [{c0}, {c0 + count}) of a {g.Channels}×{g.Height}×{g.Width} image at column {offset} of rows {rowLength} long do not fit buffers of {imageLength} and {columnsLength} values.");
    }
}
