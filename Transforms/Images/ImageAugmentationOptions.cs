namespace MLExt.Transforms;

/// <summary>
/// What <see cref="ImageAugmenter"/> and <c>mlContext.Data.AugmentImages</c> do to each copy of an image. Geometric
/// changes (flips, rotation, scaling, translation) fill uncovered pixels with transparent black; colour changes
/// (contrast, brightness, noise) act on red, green and blue, in units of the full range (1 = 255), and are clipped
/// to [0, 255]. Validated when an augmenter is created; an option out of range throws
/// <see cref="ArgumentOutOfRangeException"/> naming it.
/// </summary>
public sealed class ImageAugmentationOptions
{
    /// <summary>Augmented copies made of each image (≥ 1). Default 1.</summary>
    public int CopiesPerImage { get; set; } = 1;

    /// <summary>Whether the output keeps each original image before its copies. Default true.</summary>
    public bool KeepOriginals { get; set; } = true;

    /// <summary>Mirror left–right with probability ½. Default true.</summary>
    public bool HorizontalFlip { get; set; } = true;

    /// <summary>Mirror top–bottom with probability ½. Default false.</summary>
    public bool VerticalFlip { get; set; }

    /// <summary>Rotate about the centre by up to ± this many degrees (0 to 180). Default 10.</summary>
    public float MaxRotationDegrees { get; set; } = 10f;

    /// <summary>Smallest scale factor (&gt; 0; below 1 zooms out). Default 0.9.</summary>
    public float MinScale { get; set; } = 0.9f;

    /// <summary>Largest scale factor (≥ <see cref="MinScale"/>; above 1 zooms in, cropping the border). Default 1.1.</summary>
    public float MaxScale { get; set; } = 1.1f;

    /// <summary>Shift by up to ± this fraction of the height and width (0 to 1), rounded to whole pixels. Default 0.1.</summary>
    public float MaxTranslationFraction { get; set; } = 0.1f;

    /// <summary>Smallest contrast factor (≥ 0). Default 1 (no change).</summary>
    public float MinContrast { get; set; } = 1f;

    /// <summary>Largest contrast factor (≥ <see cref="MinContrast"/>). Default 1 (no change).</summary>
    public float MaxContrast { get; set; } = 1f;

    /// <summary>Shift brightness by up to ± this fraction of the full range (≥ 0). Default 0.</summary>
    public float MaxBrightnessDelta { get; set; }

    /// <summary>Standard deviation of Gaussian noise added to each colour value, as a fraction of the full range (≥ 0). Default 0.</summary>
    public float NoiseStandardDeviation { get; set; }

    /// <summary>Seed: the same seed, data and options give the same images. Default 0.</summary>
    public int Seed { get; set; }

    /// <summary>Throws when a setting is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Naming the setting.</exception>
    public void Validate()
    {
        Check(CopiesPerImage >= 1, nameof(CopiesPerImage), CopiesPerImage, "must be at least 1");
        Check(MaxRotationDegrees is >= 0f and <= 180f, nameof(MaxRotationDegrees), MaxRotationDegrees, "must be in [0, 180]");
        Check(MinScale > 0f && float.IsFinite(MinScale), nameof(MinScale), MinScale, "must be a positive number");
        Check(MaxScale >= MinScale && float.IsFinite(MaxScale), nameof(MaxScale), MaxScale, $"must be a number ≥ MinScale ({MinScale})");
        Check(MaxTranslationFraction is >= 0f and <= 1f, nameof(MaxTranslationFraction), MaxTranslationFraction, "must be in [0, 1]");
        Check(MinContrast >= 0f && float.IsFinite(MinContrast), nameof(MinContrast), MinContrast, "must be a non-negative number");
        Check(MaxContrast >= MinContrast && float.IsFinite(MaxContrast), nameof(MaxContrast), MaxContrast, $"must be a number ≥ MinContrast ({MinContrast})");
        Check(MaxBrightnessDelta >= 0f && float.IsFinite(MaxBrightnessDelta), nameof(MaxBrightnessDelta), MaxBrightnessDelta, "must be a non-negative number");
        Check(NoiseStandardDeviation >= 0f && float.IsFinite(NoiseStandardDeviation), nameof(NoiseStandardDeviation), NoiseStandardDeviation, "must be a non-negative number");
    }

    /// <summary>A copy, so that later changes to these options do not affect an augmenter.</summary>
    internal ImageAugmentationOptions Clone() => (ImageAugmentationOptions)MemberwiseClone();

    private static void Check(bool ok, string name, object value, string rule)
    {
        if (!ok) throw new ArgumentOutOfRangeException(name, value, $"ImageAugmentationOptions.{name} {rule}.");
    }
}
