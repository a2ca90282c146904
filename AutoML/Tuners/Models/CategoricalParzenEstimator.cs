using MLExt.Neural;

namespace MLExt.AutoML;

/// <summary>
/// TPE's density for a choice parameter: a mixture of one categorical distribution per observation,
/// each putting weight 1 on the observed choice plus priorWeight / (n + 1) on every choice, and a
/// uniform prior row (Optuna's form).
/// </summary>
internal sealed class CategoricalParzenEstimator
{
    private readonly double[] _probabilities;

    /// <param name="observations">Observed choice indices.</param>
    /// <param name="weights">Their weights (not normalised).</param>
    /// <param name="choices">The number of choices.</param>
    /// <param name="priorWeight">The prior row's weight.</param>
    public CategoricalParzenEstimator(ReadOnlySpan<int> observations, ReadOnlySpan<double> weights, int choices, double priorWeight)
    {
        int n = observations.Length;
        double floor = priorWeight / (n + 1);
        double total = priorWeight;
        foreach (var w in weights) total += w;
        _probabilities = new double[choices];
        for (int i = 0; i <= n; i++)
        {
            double mixture = (i < n ? weights[i] : priorWeight) / total;
            double rowSum = floor * choices + (i < n ? 1 : 0);
            for (int c = 0; c < choices; c++)
                _probabilities[c] += mixture * (floor + (i < n && observations[i] == c ? 1 : 0)) / rowSum;
        }
    }

    /// <summary>A draw: a choice index.</summary>
    public int Sample(RandomSource random)
    {
        double u = random.NextDouble();
        double cumulative = 0;
        for (int c = 0; c < _probabilities.Length - 1; c++)
        {
            cumulative += _probabilities[c];
            if (u < cumulative) return c;
        }
        return _probabilities.Length - 1;
    }

    /// <summary>log P(choice).</summary>
    public double LogProbability(int choice) => Math.Log(_probabilities[choice]);
}
