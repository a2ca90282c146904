namespace MLExt.Neural;

public abstract partial class Layer
{
    private float _learningRateMultiplier = 1f;

    /// <summary>
    /// Whether training updates this layer's parameters (default true). A frozen layer's parameters get no optimiser
    /// state, no gradient and no penalty; backward still passes dL/dx through it when a trainable layer lies
    /// upstream, and stops before it when none does. In a graph, the layer as applied counts (a composite layer
    /// freezes or trains as a whole). Change it between fits, not inside one: optimiser state follows the list of
    /// trainable parameters.
    /// </summary>
    public bool Trainable { get; set; } = true;

    /// <summary>
    /// Factor on the optimiser's learning rate for this layer's parameters (default 1): discriminative rates, such
    /// as 0.1 on a pretrained trunk and 1 on a new head. Every optimiser honours it (with AdamW it scales the
    /// decoupled weight decay too, as a per-group rate does in PyTorch).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a positive finite number; freeze the layer instead of 0.</exception>
    public float LearningRateMultiplier
    {
        get => _learningRateMultiplier;
        set
        {
            if (!(value > 0f) || !float.IsFinite(value))
                throw new ArgumentOutOfRangeException(nameof(LearningRateMultiplier), value,
                    $"{TypeName}.LearningRateMultiplier must be a positive finite number (set Trainable = false to freeze).");
            _learningRateMultiplier = value;
        }
    }

    /// <summary>
    /// <see cref="Backward"/> for a frozen layer: dL/dx only. The default runs <see cref="Backward"/> (whose parameter
    /// gradients nobody reads); layers whose weight gradient is costly (dense, convolution) skip it.
    /// </summary>
    internal virtual Tensor BackwardInputOnly(Tensor outputGradient) => Backward(outputGradient);

    /// <summary>Gives <paramref name="copy"/> this layer's training settings (for <see cref="CloneUnbuilt"/>).</summary>
    internal virtual void CopyTrainingSettingsTo(Layer copy)
    {
        copy.Trainable = Trainable;
        copy._learningRateMultiplier = _learningRateMultiplier;
    }

    /// <summary>The training settings that differ from the defaults, for checkpoint descriptions ("" when none).</summary>
    internal virtual string TrainingSettingsText =>
        (Trainable ? "" : " frozen") + (_learningRateMultiplier == 1f ? "" : FormattableString.Invariant($" lr×{_learningRateMultiplier}"));
}
