namespace MLExt.Neural;

/// <summary>The shortcut path of a <see cref="ResidualBlock"/>.</summary>
public enum ResidualShortcut
{
    /// <summary>Identity when the block keeps the shape, a 1×1 projection when it changes channels or strides.</summary>
    Auto,
    /// <summary>Always the identity; the block must keep the input shape.</summary>
    Identity,
    /// <summary>Always a 1×1 convolution (with the block's stride) followed by batch normalisation.</summary>
    Projection,
}
