using MLExt.IO;
using SkiaSharp;

namespace MLExt.Cli.Generative;

/// <summary>Writes grey images (values in [0, 1], row-major) as one PNG grid, white digits on black as in MNIST.</summary>
internal static class DigitGrid
{
    private const int Scale = 2, Gap = 2;

    /// <summary>Writes <paramref name="images"/> (each <paramref name="side"/>² values) in rows of <paramref name="columns"/> to
    /// <paramref name="path"/>, through a temporary file renamed into place.</summary>
    public static void Write(string path, IReadOnlyList<float[]> images, int side, int columns)
    {
        int rows = (images.Count + columns - 1) / columns, cell = side * Scale + Gap;
        using var bitmap = new SKBitmap(columns * cell + Gap, rows * cell + Gap, SKColorType.Gray8, SKAlphaType.Opaque);
        bitmap.Erase(new SKColor(96, 96, 96));
        for (int i = 0; i < images.Count; i++)
        {
            int left = Gap + i % columns * cell, top = Gap + i / columns * cell;
            for (int y = 0; y < side * Scale; y++)
                for (int x = 0; x < side * Scale; x++)
                {
                    byte grey = (byte)Math.Round(255 * Math.Clamp(images[i][y / Scale * side + x / Scale], 0f, 1f));
                    bitmap.SetPixel(left + x, top + y, new SKColor(grey, grey, grey));
                }
        }
        using var image = SKImage.FromBitmap(bitmap);
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        AtomicFile.Write(path, png.SaveTo);
    }
}
