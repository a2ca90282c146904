namespace MLExt.Neural;

/// <summary>The kernel initialiser a layer uses when none is given.</summary>
internal static class InitializerDefaults
{
    /// <summary>He normal for ReLU-like activations, Glorot uniform otherwise.</summary>
    public static Initializer For(Activation activation) => activation switch
    {
        Activation.Relu or Activation.LeakyRelu or Activation.Elu or Activation.Gelu => new HeNormal(),
        _ => new GlorotUniform(),
    };
}
