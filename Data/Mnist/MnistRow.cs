using Microsoft.ML.Data;

namespace MLExt.Data;

/// <summary>One MNIST digit as an ML.NET row: the digit and its 784 pixels in 0..1, row-major.</summary>
public sealed class MnistRow
{
    /// <summary>The digit shown, 0..9.</summary>
    public uint Label { get; set; }

    /// <summary>The 28 × 28 pixels, row-major, each <c>byte / 255</c>.</summary>
    [VectorType(MnistDigits.PixelsPerImage)]
    public float[] Features { get; set; } = [];
}
