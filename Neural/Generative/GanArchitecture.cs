namespace MLExt.Neural;

/// <summary>The generator and discriminator pairs <see cref="GanModels"/> builds.</summary>
public enum GanArchitecture
{
    /// <summary>DCGAN (Radford et al. 2016): G is dense → reshape [4w, h/4, w/4] → transposed convolutions with batch
    /// norm and ReLU → tanh; D is strided 4×4 convolutions with LeakyReLU (0.2) → a logit.</summary>
    Dcgan,

    /// <summary>The fully connected GAN: G is dense 256 – 512 (LeakyReLU 0.2) – tanh image; D is dense 512 – 256
    /// (LeakyReLU 0.2) – logit.</summary>
    Mlp,
}
