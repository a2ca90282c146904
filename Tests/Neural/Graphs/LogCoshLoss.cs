using MLExt.Neural;

namespace MLExt.Tests.Neural.Graphs;

/// <summary>
/// A loss written the way a user writes one (a subclass of <see cref="Loss"/>, value and gradient):
/// L = (1/N) Σ log cosh(p − t); dL/dp = tanh(p − t) / N.
/// </summary>
internal sealed class LogCoshLoss : Loss
{
    private Tensor? _gradient;

    public override float Forward(Tensor prediction, Tensor target)
    {
        CheckSameShape(prediction, target, Name);
        var g = Tensor.Ensure(ref _gradient, prediction.Shape);
        double sum = 0;
        int n = prediction.Length;
        for (int i = 0; i < n; i++)
        {
            double d = prediction[i] - target[i];
            // log cosh d = |d| + log(1 + e^(−2|d|)) − log 2, stable for large |d|
            sum += Math.Abs(d) + Math.Log(1 + Math.Exp(-2 * Math.Abs(d))) - Math.Log(2);
            g[i] = (float)(Math.Tanh(d) / n);
        }
        return (float)(sum / n);
    }

    public override Tensor Backward() => _gradient ?? throw new InvalidOperationException("Backward before Forward.");
}
