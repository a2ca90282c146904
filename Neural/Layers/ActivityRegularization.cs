using System.Numerics.Tensors;

namespace MLExt.Neural;

/// <summary>
/// An identity that adds an activity penalty to the training loss: y = x, with the loss term
/// (λ1·Σ|x| + λ2·Σx²) / n over a batch of n samples, so its gradient dx = dy + (λ1·sign(x) + 2λ2·x) / n.
/// The term is added while training only (0 at inference), as Keras's activity regularisers do.
/// </summary>
public sealed class ActivityRegularization : Layer, ILossTermSource
{
    private Tensor? _input, _gradInput;
    private bool _training;

    /// <summary>Creates an activity regulariser with the L1 weight <paramref name="l1"/> and the L2 weight
    /// <paramref name="l2"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A weight is negative or not finite.</exception>
    public ActivityRegularization(float l1 = 0f, float l2 = 0f)
    {
        if (!(l1 >= 0) || !float.IsFinite(l1)) throw new ArgumentOutOfRangeException(nameof(l1), l1, "The L1 weight must be a finite number ≥ 0.");
        if (!(l2 >= 0) || !float.IsFinite(l2)) throw new ArgumentOutOfRangeException(nameof(l2), l2, "The L2 weight must be a finite number ≥ 0.");
        L1 = l1;
        L2 = l2;
    }

    /// <summary>λ1, the weight of Σ|x|.</summary>
    public float L1 { get; }

    /// <summary>λ2, the weight of Σx².</summary>
    public float L2 { get; }

    /// <inheritdoc/>
    public float LossTerm { get; private set; }

    /// <inheritdoc/>
    protected override int[] OnComputeOutputShape(int[] inputShape) => inputShape;

    /// <inheritdoc/>
    protected override int[] OnBuild(int[] inputShape, RandomSource random) => inputShape;

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, bool training)
    {
        CheckInput(input);
        _input = input;
        _training = training;
        // term = (λ1·Σ|x| + λ2·Σx²) / n
        LossTerm = training
            ? (L1 * TensorPrimitives.SumOfMagnitudes(input.Span) + L2 * TensorPrimitives.SumOfSquares(input.Span)) / input.Rows
            : 0f;
        return input;
    }

    /// <inheritdoc/>
    public override Tensor Backward(Tensor outputGradient)
    {
        var x = _input ?? throw new InvalidOperationException("ActivityRegularization.Backward called before Forward.");
        if (!_training) return outputGradient;
        var dx = Tensor.Ensure(ref _gradInput, outputGradient.Shape);
        float n = x.Rows;
        var xs = x.Span;
        var dy = outputGradient.Span;
        var d = dx.Span;
        // dx = dy + (λ1·sign(x) + 2λ2·x) / n
        for (int i = 0; i < d.Length; i++) d[i] = dy[i] + (L1 * MathF.Sign(xs[i]) + 2 * L2 * xs[i]) / n;
        return dx;
    }

    /// <inheritdoc/>
    public override LayerConfig GetConfig() => new LayerConfig(nameof(ActivityRegularization)).Set("l1", L1).Set("l2", L2);

    internal static ActivityRegularization Create(LayerConfig config) => new(config.GetFloat("l1"), config.GetFloat("l2"));
}
