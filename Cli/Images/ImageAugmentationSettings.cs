using System.Globalization;
using MLExt.Neural;

namespace MLExt.Cli.Images;

/// <summary>Training-only augmentation layers put in front of the network (identities when scoring).</summary>
/// <param name="Flip">Mirror left–right at random.</param>
/// <param name="RotationDegrees">Largest random rotation either way (0: none).</param>
/// <param name="ShiftPixels">Largest random shift in pixels (0: none).</param>
/// <param name="Zoom">Largest random zoom as a fraction, scales in [1 − zoom, 1 + zoom] (0: none).</param>
/// <param name="Noise">Standard deviation of Gaussian pixel noise (0: none).</param>
/// <param name="Brightness">Largest random brightness shift (0: none).</param>
/// <param name="Contrast">Largest random contrast change as a fraction, factors in [1 − contrast, 1 + contrast] (0: none).</param>
internal sealed record ImageAugmentationSettings(bool Flip, float RotationDegrees, int ShiftPixels, float Zoom, float Noise, float Brightness, float Contrast)
{
    /// <summary>The layers, in the order geometry then colour.</summary>
    public List<Layer> Layers()
    {
        var layers = new List<Layer>();
        if (Flip) layers.Add(Layer.RandomFlip());
        if (RotationDegrees > 0) layers.Add(Layer.RandomRotation(RotationDegrees));
        if (Zoom > 0) layers.Add(Layer.RandomZoom(1 - Zoom, 1 + Zoom));
        if (ShiftPixels > 0) layers.Add(Layer.RandomTranslation(ShiftPixels));
        if (Contrast > 0) layers.Add(Layer.RandomContrast(1 - Contrast, 1 + Contrast));
        if (Brightness > 0) layers.Add(Layer.RandomBrightness(Brightness));
        if (Noise > 0) layers.Add(Layer.GaussianNoise(Noise));
        return layers;
    }

    /// <summary>Such as <c>flip, rotation ±15°, shift ±2 px</c>, or <c>none</c>.</summary>
    public string Describe()
    {
        var parts = new List<string>();
        if (Flip) parts.Add("horizontal flip");
        if (RotationDegrees > 0) parts.Add(string.Create(CultureInfo.InvariantCulture, $"rotation ±{RotationDegrees}°"));
        if (Zoom > 0) parts.Add(string.Create(CultureInfo.InvariantCulture, $"zoom ±{Zoom * 100:0.#}%"));
        if (ShiftPixels > 0) parts.Add($"shift ±{ShiftPixels} px");
        if (Contrast > 0) parts.Add(string.Create(CultureInfo.InvariantCulture, $"contrast ±{Contrast * 100:0.#}%"));
        if (Brightness > 0) parts.Add(string.Create(CultureInfo.InvariantCulture, $"brightness ±{Brightness}"));
        if (Noise > 0) parts.Add(string.Create(CultureInfo.InvariantCulture, $"noise σ {Noise}"));
        return parts.Count == 0 ? "none" : string.Join(", ", parts);
    }
}
