namespace MLExt.Neural;

/// <summary>
/// A trainable tensor of a layer and its gradient. Backward passes accumulate into
/// <see cref="Gradient"/> with <c>+=</c>; the training loop zeroes it explicitly before each batch.
/// </summary>
public sealed class Parameter
{
    /// <summary>Creates a parameter of the given shape with a zero value and gradient.</summary>
    public Parameter(string name, int[] shape, bool isWeight)
    {
        Name = name;
        Value = new Tensor(shape);
        Gradient = new Tensor(shape);
        IsWeight = isWeight;
    }

    private Parameter(string name, Tensor value, Tensor gradient, bool isWeight)
    {
        Name = name;
        Value = value;
        Gradient = gradient;
        IsWeight = isWeight;
    }

    /// <summary>The same value and gradient under another name (composite layers prefix their inner layers' names).</summary>
    internal Parameter Renamed(string name) => new(name, Value, Gradient, IsWeight);

    /// <summary>A name unique within its layer, such as <c>kernel</c> or <c>bias</c>.</summary>
    public string Name { get; }

    /// <summary>The current value.</summary>
    public Tensor Value { get; }

    /// <summary>The accumulated gradient of the loss with respect to <see cref="Value"/>.</summary>
    public Tensor Gradient { get; }

    /// <summary>
    /// True for weights (kernels), which L1/L2 penalties and weight decay apply to; false for
    /// biases and normalisation offsets, which they leave alone.
    /// </summary>
    public bool IsWeight { get; }

    /// <summary>
    /// Factor on the optimiser's learning rate for this parameter (default 1). A model graph sets it from its layer's
    /// <see cref="Layer.LearningRateMultiplier"/> when it lists <see cref="ModelGraph.TrainableParameters"/>.
    /// </summary>
    public float LearningRateMultiplier { get; internal set; } = 1f;

    /// <summary>Sets the gradient to zero.</summary>
    public void ZeroGradient() => Gradient.Clear();

    /// <inheritdoc/>
    public override string ToString() => $"{Name}{Value.ShapeText}";
}
