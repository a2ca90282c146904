namespace MLExt.Neural;

/// <summary>The generator and discriminator pairs <see cref="GanModels"/> builds.</summary>
public enum GanArchitecture
{
    /// <summary>The fully connected GAN: G is dense 256 – 512 (LeakyReLU 0.2) – tanh image; D is dense 512 – 256
    /// (LeakyReLU 0.2) – logit.</summary>
    Mlp,
}
