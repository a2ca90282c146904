namespace MLExt.Neural;

/// <summary>The check shared by the image layers: one sample is [channels, height, width].</summary>
internal static class ImageInput
{
    /// <summary>The three dimensions of an image input.</summary>
    /// <exception cref="ArgumentException">The shape is not [channels, height, width] with positive sizes; names <paramref name="layer"/>.</exception>
    public static (int Channels, int Height, int Width) Dimensions(string layer, int[] shape)
    {
        if (shape.Length != 3 || shape.Any(d => d <= 0))
            throw new ArgumentException(
                $"{layer} expects image inputs [channels, height, width] but got {Tensor.FormatShape(shape)}; give the trainer the image shape (InputShape) or extract pixels with ExtractPixels.",
                nameof(shape));
        return (shape[0], shape[1], shape[2]);
    }
}
