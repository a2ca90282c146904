namespace MLExt.Neural;

/// <summary>
/// The layer contract. A layer is built once from the shape of one input sample (batch excluded),
/// then <see cref="Forward"/> maps a batch <c>[n, ...inputShape]</c> to <c>[n, ...outputShape]</c>
/// keeping what the derivative needs, and <see cref="Backward"/> maps dL/dy to dL/dx while adding
/// (<c>+=</c>) the parameter gradients. Layers reuse their output buffers between batches: the
/// returned tensors stay valid only until the next call.
/// </summary>
public abstract partial class Layer
{
    private int[]? _inputShape;
    private int[]? _outputShape;

    /// <summary>The layer type name used in configurations and messages.</summary>
    public virtual string TypeName => GetType().Name;

    /// <summary>Whether <see cref="Build"/> has run.</summary>
    public bool IsBuilt => _outputShape is not null;

    /// <summary>Shape of one input sample; set by <see cref="Build"/>.</summary>
    public int[] InputShape => _inputShape ?? throw NotBuilt();

    /// <summary>Shape of one output sample; set by <see cref="Build"/>.</summary>
    public int[] OutputShape => _outputShape ?? throw NotBuilt();

    /// <summary>
    /// Creates the parameters for inputs of shape <paramref name="inputShape"/> (one sample, no batch
    /// dimension), initialises them from <paramref name="random"/>, and returns the output shape.
    /// </summary>
    /// <exception cref="ArgumentException">The layer cannot take inputs of this shape.</exception>
    /// <exception cref="InvalidOperationException">The layer was already built.</exception>
    public int[] Build(int[] inputShape, RandomSource random)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        ArgumentNullException.ThrowIfNull(random);
        if (IsBuilt) throw new InvalidOperationException($"Layer {TypeName} is already built for input {Tensor.FormatShape(InputShape)}.");
        var output = OnBuild((int[])inputShape.Clone(), random);
        _inputShape = (int[])inputShape.Clone();
        _outputShape = output;
        return (int[])output.Clone();
    }

    /// <summary>
    /// The output shape (one sample, no batch dimension) this layer would have for inputs of shape
    /// <paramref name="inputShape"/>, without building this layer or changing it. Graphs and trainers ask it
    /// to check a design before any weight exists.
    /// </summary>
    /// <exception cref="ArgumentException">The layer cannot take inputs of this shape; the message says what it expects.</exception>
    public int[] ComputeOutputShape(int[] inputShape)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        return (int[])OnComputeOutputShape((int[])inputShape.Clone()).Clone();
    }

    /// <summary>
    /// The output shape for <paramref name="inputShape"/>; see <see cref="ComputeOutputShape"/>. Layers whose
    /// shape rule is simple override it; the default builds a throw-away unbuilt copy (<see cref="CloneUnbuilt"/>),
    /// which needs the layer type registered in <see cref="LayerRegistry"/>.
    /// </summary>
    protected virtual int[] OnComputeOutputShape(int[] inputShape) => CloneUnbuilt().Build(inputShape, new RandomSource(0));

    /// <summary>Creates parameters and returns the output shape; see <see cref="Build"/>.</summary>
    protected abstract int[] OnBuild(int[] inputShape, RandomSource random);

    /// <summary>
    /// Computes the layer's output for a batch. With <paramref name="training"/> false the layer is
    /// deterministic (dropout and augmentation are identities, normalisation uses running statistics).
    /// </summary>
    public abstract Tensor Forward(Tensor input, bool training);

    /// <summary>
    /// Given dL/dy for the last <see cref="Forward"/> (same shape as its output), adds the parameter
    /// gradients into <see cref="Parameter.Gradient"/> and returns dL/dx (same shape as its input).
    /// </summary>
    public abstract Tensor Backward(Tensor outputGradient);

    /// <summary>
    /// <see cref="Backward"/> when nothing needs dL/dx (the network's first layer while training): adds the
    /// parameter gradients only. Layers whose input gradient is costly (dense, convolution) skip computing it.
    /// </summary>
    internal virtual void BackwardParametersOnly(Tensor outputGradient) => Backward(outputGradient);

    /// <summary>The trainable parameters (empty for parameter-free layers).</summary>
    public virtual IReadOnlyList<Parameter> Parameters => [];

    /// <summary>
    /// Values the layer learns without gradients (batch normalisation's running statistics): saved and
    /// restored with the weights, never changed by optimisers. Empty for most layers.
    /// </summary>
    public virtual IReadOnlyList<Parameter> States => [];

    /// <summary>Number of trainable values.</summary>
    public int ParameterCount => Parameters.Sum(p => p.Value.Length);

    /// <summary>Sets every parameter gradient to zero.</summary>
    public void ZeroGradients()
    {
        foreach (var p in Parameters) p.ZeroGradient();
    }

    /// <summary>The layer's type and hyperparameters; <see cref="FromConfig"/> rebuilds an unbuilt copy.</summary>
    public abstract LayerConfig GetConfig();

    /// <summary>An unbuilt copy with the same hyperparameters and training settings (<see cref="Trainable"/>,
    /// <see cref="LearningRateMultiplier"/>), no weights.</summary>
    public Layer CloneUnbuilt()
    {
        var copy = FromConfig(GetConfig());
        CopyTrainingSettingsTo(copy);
        return copy;
    }

    /// <summary>Throws when the batch's per-sample shape differs from the built input shape.</summary>
    /// <exception cref="ArgumentException">Naming the layer, the expected and the actual shapes.</exception>
    protected void CheckInput(Tensor input)
    {
        if (!IsBuilt) throw NotBuilt();
        if (input.Rank != InputShape.Length + 1 || !Tensor.SameShape(input.Shape.AsSpan(1), InputShape))
            throw new ArgumentException(
                $"{TypeName} expects input [batch, {string.Join(", ", InputShape)}] but got {input.ShapeText}.", nameof(input));
    }

    private InvalidOperationException NotBuilt() => new($"Layer {TypeName} has not been built: call Build with the input shape first.");

    /// <inheritdoc/>
    public override string ToString() => GetConfig().ToString();
}
