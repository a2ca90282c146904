namespace MLExt.Neural.Kernels;

/// <summary>
/// Geometric maps of planar images [channels, height, width] used by augmentation: flips, integer shifts
/// with zero fill, and affine resampling with bilinear interpolation (zero outside the image) together with
/// its transpose, which is the backward pass. Pixel (h, w) sits at coordinates (h, w); the centre is
/// ((H − 1)/2, (W − 1)/2).
/// </summary>
internal static class ImageWarp
{
    /// <summary>dst[c, h, w] = src[c, h′, w′] with h′ = H − 1 − h when <paramref name="vertical"/>, w′ = W − 1 − w when <paramref name="horizontal"/>.</summary>
    public static void Flip(ReadOnlySpan<float> src, Span<float> dst, int channels, int height, int width, bool horizontal, bool vertical)
    {
        for (int c = 0; c < channels; c++)
            for (int h = 0; h < height; h++)
            {
                var from = src.Slice((c * height + (vertical ? height - 1 - h : h)) * width, width);
                var to = dst.Slice((c * height + h) * width, width);
                from.CopyTo(to);
                if (horizontal) to.Reverse();
            }
    }

    /// <summary>dst[c, h, w] = src[c, h − dy, w − dx], or 0 where that falls outside the image.</summary>
    public static void Shift(ReadOnlySpan<float> src, Span<float> dst, int channels, int height, int width, int dy, int dx)
    {
        dst[..(channels * height * width)].Clear();
        int w0 = Math.Max(dx, 0), w1 = Math.Min(width, width + dx);
        if (w0 >= w1) return;
        for (int c = 0; c < channels; c++)
            for (int h = Math.Max(dy, 0); h < Math.Min(height, height + dy); h++)
                src.Slice((c * height + h - dy) * width + w0 - dx, w1 - w0).CopyTo(dst.Slice((c * height + h) * width + w0, w1 - w0));
    }

    /// <summary>
    /// dst(p) = bilinear(src, centre + M·(p − centre)) for every pixel p = (h, w), with
    /// M = [[m00, m01], [m10, m11]] acting on (h, w): M maps output coordinates to source coordinates.
    /// </summary>
    public static void Affine(ReadOnlySpan<float> src, Span<float> dst, int channels, int height, int width, float m00, float m01, float m10, float m11)
    {
        dst[..(channels * height * width)].Clear();
        Visit(height, width, m00, m01, m10, m11, src, dst, channels, transpose: false);
    }

    /// <summary>The transpose of <see cref="Affine"/>: dsrc = Mᵀ-scatter of ddst, so that ⟨Affine(x), g⟩ = ⟨x, AffineTranspose(g)⟩.</summary>
    public static void AffineTranspose(ReadOnlySpan<float> ddst, Span<float> dsrc, int channels, int height, int width, float m00, float m01, float m10, float m11)
    {
        dsrc[..(channels * height * width)].Clear();
        Visit(height, width, m00, m01, m10, m11, ddst, dsrc, channels, transpose: true);
    }

    private static void Visit(int height, int width, float m00, float m01, float m10, float m11,
        ReadOnlySpan<float> from, Span<float> to, int channels, bool transpose)
    {
        float ch = (height - 1) / 2f, cw = (width - 1) / 2f;
        int plane = height * width;
        for (int h = 0; h < height; h++)
            for (int w = 0; w < width; w++)
            {
                float sy = ch + m00 * (h - ch) + m01 * (w - cw), sx = cw + m10 * (h - ch) + m11 * (w - cw);
                int y0 = (int)MathF.Floor(sy), x0 = (int)MathF.Floor(sx);
                float fy = sy - y0, fx = sx - x0;
                for (int tap = 0; tap < 4; tap++)
                {
                    int y = y0 + (tap >> 1), x = x0 + (tap & 1);
                    if ((uint)y >= (uint)height || (uint)x >= (uint)width) continue;
                    float weight = ((tap >> 1) == 0 ? 1 - fy : fy) * ((tap & 1) == 0 ? 1 - fx : fx);
                    if (weight == 0f) continue;
                    int source = y * width + x, target = h * width + w;
                    for (int c = 0; c < channels; c++)
                    {
                        if (transpose) to[c * plane + source] += weight * from[c * plane + target];
                        else to[c * plane + target] += weight * from[c * plane + source];
                    }
                }
            }
    }
}
