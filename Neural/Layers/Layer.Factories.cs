namespace MLExt.Neural;

public abstract partial class Layer
{
    /// <summary>A fully connected layer with <paramref name="units"/> outputs and a fused activation.</summary>
    public static Layer Dense(int units, Activation activation = Neural.Activation.None) => new Dense(units, activation);

    /// <summary>Dropout: during training zeroes each value with probability <paramref name="rate"/> and scales the rest by 1/(1−rate); identity at inference.</summary>
    public static Layer Dropout(float rate) => new Dropout(rate);

    /// <summary>A stand-alone activation layer.</summary>
    public static Layer Activate(Activation activation, float alpha = float.NaN) => new ActivationLayer(activation, alpha);

    /// <summary>Rebuilds an unbuilt layer from <see cref="GetConfig"/>'s output.</summary>
    /// <exception cref="FormatException">Unknown layer type or malformed settings.</exception>
    public static Layer FromConfig(LayerConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return LayerRegistry.Create(config);
    }
}
