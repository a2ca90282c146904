using MLExt.Neural;

namespace MLExt.Trainers;

/// <summary>A validation metric on distillation targets <c>[n, 2k]</c>: the inner metric against the label part (the
/// first k values of each row), so validation reports the student's accuracy, not agreement with the teacher.</summary>
internal sealed class LabelPartMetric(ValidationMetric inner) : ValidationMetric
{
    public override string Name => inner.Name;

    public override bool HigherIsBetter => inner.HigherIsBetter;

    // Once per epoch: copying the label part is cheap next to the validation forward pass.
    public override double Compute(Tensor predictions, Tensor targets)
    {
        int n = predictions.Rows, k = predictions.RowLength;
        var labels = new Tensor(n, k);
        for (int i = 0; i < n; i++) targets.Row(i)[..k].CopyTo(labels.Row(i));
        return inner.Compute(predictions, labels);
    }
}
