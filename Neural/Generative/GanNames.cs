namespace MLExt.Neural;

/// <summary>
/// The node and column names the GAN pieces agree on: the generator reads <see cref="Noise"/> (and <see cref="Class"/>
/// when conditional) and outputs <see cref="Image"/>; the discriminator reads <see cref="Image"/> (and
/// <see cref="Class"/>) and outputs the logit <see cref="Logit"/>; the training data holds <see cref="Image"/>,
/// <see cref="Class"/> and the real images' target <see cref="RealTarget"/>.
/// </summary>
public static class GanNames
{
    /// <summary>The generator's noise input z.</summary>
    public const string Noise = "noise";

    /// <summary>The one-hot class input of a conditional generator and discriminator.</summary>
    public const string Class = "class";

    /// <summary>The generator's output and the discriminator's image input.</summary>
    public const string Image = "image";

    /// <summary>The discriminator's output: the logit of "real".</summary>
    public const string Logit = "logit";

    /// <summary>The data column holding the target of real images (1, or 1 − smoothing).</summary>
    public const string RealTarget = "real";
}
