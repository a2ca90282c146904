using MLExt.Neural;

namespace MLExt.Trainers;

/// <summary>
/// The regression loss of a network trained on scaled targets. The gradient is the trained loss's on the scaled
/// targets (so the optimiser sees standardised errors); the value returned, which the training loop reports and
/// early stopping reads, is the reported loss of the predictions and labels mapped back to the label's units.
/// For the standardised label without log the two differ by a constant factor (σ² for squared error and Huber,
/// σ for absolute error), so they rank epochs identically.
/// </summary>
internal sealed class LabelUnitsLoss : Loss
{
    private readonly Loss _trained;
    private readonly Loss _reported;
    private readonly TargetScaling _scaling;
    private Tensor? _predictions, _labels;

    public LabelUnitsLoss(Loss trained, Loss reported, TargetScaling scaling)
    {
        _trained = trained;
        _reported = reported;
        _scaling = scaling;
    }

    /// <inheritdoc/>
    public override string Name => _reported.Name;

    /// <summary>The reported loss in the label's units; the trained loss's gradient is kept for <see cref="Backward"/>.</summary>
    public override float Forward(Tensor prediction, Tensor target)
    {
        _trained.Forward(prediction, target);
        var predictions = Unscale(prediction, ref _predictions);
        var labels = Unscale(target, ref _labels);
        return _reported.Forward(predictions, labels);
    }

    /// <summary>dL/dz of the trained loss on the scaled targets.</summary>
    public override Tensor Backward() => _trained.Backward();

    private Tensor Unscale(Tensor values, ref Tensor? buffer)
    {
        var result = Tensor.Ensure(ref buffer, values.Shape);
        var source = values.Span;
        var destination = result.Span;
        for (int i = 0; i < source.Length; i++) destination[i] = _scaling.Unscale(source[i]);
        return result;
    }
}
