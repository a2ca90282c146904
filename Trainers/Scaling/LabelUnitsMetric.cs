using MLExt.Neural;

namespace MLExt.Trainers;

/// <summary>A validation metric computed on predictions and targets mapped back to the label's units.</summary>
internal sealed class LabelUnitsMetric : ValidationMetric
{
    private readonly ValidationMetric _inner;
    private readonly TargetScaling _scaling;

    public LabelUnitsMetric(ValidationMetric inner, TargetScaling scaling)
    {
        _inner = inner;
        _scaling = scaling;
    }

    /// <inheritdoc/>
    public override string Name => _inner.Name;

    /// <inheritdoc/>
    public override bool HigherIsBetter => _inner.HigherIsBetter;

    /// <inheritdoc/>
    public override double Compute(Tensor predictions, Tensor targets) => _inner.Compute(Unscale(predictions), Unscale(targets));

    private Tensor Unscale(Tensor values)
    {
        var result = new Tensor(values.Shape);
        var source = values.Span;
        var destination = result.Span;
        for (int i = 0; i < source.Length; i++) destination[i] = _scaling.Unscale(source[i]);
        return result;
    }
}
