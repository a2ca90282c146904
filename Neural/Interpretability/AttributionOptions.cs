namespace MLExt.Neural;

/// <summary>Settings of <see cref="InputAttribution"/>'s methods, each with Captum's default.</summary>
public sealed class AttributionOptions
{
    /// <summary>Integrated gradients: points on the path from the baseline to the input (Captum: 50).</summary>
    public int Steps { get; set; } = 50;

    /// <summary>Integrated gradients: how the path integral is approximated (Captum: Gauss–Legendre).</summary>
    public IntegrationRule Rule { get; set; } = IntegrationRule.GaussLegendre;

    /// <summary>SmoothGrad: noisy copies averaged.</summary>
    public int Samples { get; set; } = 25;

    /// <summary>SmoothGrad: the noise's standard deviation as a fraction of the input's range (Smilkov et al.
    /// suggest 0.1 to 0.2).</summary>
    public float NoiseLevel { get; set; } = 0.15f;

    /// <summary>SmoothGrad's noise seed: same seed, same attributions.</summary>
    public int Seed { get; set; }

    /// <summary>Occlusion: the window's shape, one entry per input dimension (null: 1 in every dimension, that is one
    /// value, one feature or one token at a time).</summary>
    public int[]? Window { get; set; }

    /// <summary>Occlusion: the window's step per dimension (null: the window's shape, windows that do not overlap).</summary>
    public int[]? Strides { get; set; }

    /// <summary>Occlusion: the value an occluded input takes (for token ids, the padding id).</summary>
    public float OcclusionValue { get; set; }

    /// <summary>Most rows run through one forward pass (integration points, noisy copies, occluded copies).</summary>
    public int MaxBatch { get; set; } = 32;

    /// <summary>Checks every setting; the exception names it.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public void Validate()
    {
        if (Steps < 1) throw new ArgumentOutOfRangeException(nameof(Steps), Steps, "Steps must be at least 1.");
        if (Samples < 1) throw new ArgumentOutOfRangeException(nameof(Samples), Samples, "Samples must be at least 1.");
        if (!(NoiseLevel >= 0) || !float.IsFinite(NoiseLevel))
            throw new ArgumentOutOfRangeException(nameof(NoiseLevel), NoiseLevel, "NoiseLevel must be a finite number ≥ 0.");
        if (MaxBatch < 1) throw new ArgumentOutOfRangeException(nameof(MaxBatch), MaxBatch, "MaxBatch must be at least 1.");
        if (!Enum.IsDefined(Rule)) throw new ArgumentOutOfRangeException(nameof(Rule), Rule, "Unknown integration rule.");
    }
}
