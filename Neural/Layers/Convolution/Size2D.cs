using System.Globalization;

namespace MLExt.Neural;

/// <summary>
/// A height and a width, such as a kernel size, a stride or a dilation. An <see cref="int"/> converts
/// implicitly to a square size, so <c>kernelSize: 3</c> and <c>kernelSize: new(3, 5)</c> both work.
/// </summary>
/// <param name="Height">Size along the rows.</param>
/// <param name="Width">Size along the columns.</param>
public readonly record struct Size2D(int Height, int Width)
{
    /// <summary>A square size.</summary>
    public static implicit operator Size2D(int size) => new(size, size);

    /// <summary>Throws unless both sides are at least one.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Naming <paramref name="name"/>.</exception>
    internal Size2D CheckPositive(string name) =>
        Height >= 1 && Width >= 1 ? this : throw new ArgumentOutOfRangeException(name, this, $"{name} must be at least 1 in both directions.");

    /// <summary>The size as the two settings <c>height,width</c> of a <see cref="LayerConfig"/>.</summary>
    internal int[] ToArray() => [Height, Width];

    /// <summary>Reads <see cref="ToArray"/>'s form.</summary>
    /// <exception cref="FormatException">Not two values.</exception>
    internal static Size2D FromArray(int[] values) =>
        values.Length == 2 ? new(values[0], values[1]) : throw new FormatException($"Expected two values (height,width), got {values.Length}.");

    /// <summary>Such as <c>3×5</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Height}×{Width}");
}
