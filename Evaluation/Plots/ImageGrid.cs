using System.Runtime.InteropServices;
using SkiaSharp;

namespace MLExt.Evaluation.Plots;

/// <summary>A grid of grey images (generated digits, reconstructions) as a PNG: black background, white ink.</summary>
public static class ImageGrid
{
    /// <summary>
    /// PNG bytes of the images in <paramref name="pixels"/> (row after row, each <paramref name="height"/> ×
    /// <paramref name="width"/> grey values in [0, 1], clamped), <paramref name="columns"/> per grid row, each pixel
    /// drawn as a <paramref name="scale"/> × <paramref name="scale"/> square, images 1 scaled pixel apart.
    /// </summary>
    /// <exception cref="ArgumentException">The values are not whole images, or a size is not positive.</exception>
    public static byte[] Png(ReadOnlySpan<float> pixels, int height, int width, int columns, int scale = 2)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(scale, 1);
        int size = height * width;
        if (pixels.Length == 0 || pixels.Length % size != 0)
            throw new ArgumentException($"Expected whole images of {height}×{width} values, got {pixels.Length} values.", nameof(pixels));
        int count = pixels.Length / size, cols = Math.Min(columns, count), rows = (count + cols - 1) / cols;
        int cellH = (height + 1) * scale, cellW = (width + 1) * scale;
        using var bitmap = new SKBitmap(cols * cellW + scale, rows * cellH + scale, SKColorType.Gray8, SKAlphaType.Opaque);
        int stride = bitmap.RowBytes;
        var canvas = new byte[stride * bitmap.Height];
        for (int i = 0; i < count; i++)
        {
            int top = (i / cols) * cellH + scale, left = (i % cols) * cellW + scale;
            for (int y = 0; y < height * scale; y++)
                for (int x = 0; x < width * scale; x++)
                    canvas[(top + y) * stride + left + x] = (byte)Math.Round(255 * Math.Clamp(pixels[i * size + y / scale * width + x / scale], 0f, 1f));
        }
        Marshal.Copy(canvas, 0, bitmap.GetPixels(), canvas.Length);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
