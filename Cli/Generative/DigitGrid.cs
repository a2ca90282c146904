using MLExt.Evaluation.Plots;
using MLExt.IO;

namespace MLExt.Cli.Generative;

/// <summary>Writes grey images (values in [0, 1], row-major) as one PNG grid, white digits on black as in MNIST.</summary>
internal static class DigitGrid
{
    /// <summary>Writes <paramref name="images"/> (each <paramref name="side"/>² values) in rows of <paramref name="columns"/> to
    /// <paramref name="path"/> (drawn by <see cref="ImageGrid"/>), through a temporary file renamed into place.</summary>
    public static void Write(string path, IReadOnlyList<float[]> images, int side, int columns) =>
        Write(path, images.SelectMany(image => image).ToArray(), side, columns);

    /// <summary>As above for images stored one after another in <paramref name="pixels"/>.</summary>
    public static void Write(string path, float[] pixels, int side, int columns)
    {
        var png = ImageGrid.Png(pixels, side, side, columns);
        AtomicFile.Write(path, stream => stream.Write(png));
    }
}
