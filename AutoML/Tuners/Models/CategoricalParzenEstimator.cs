using MLExt.Neural;

namespace MLExt.AutoML;

/// <summary>
/// TPE's density for a choice parameter: a mixture of one categorical kernel per observation, putting
/// weight 1 on the observed choice plus priorWeight / (n + 1) on every choice (normalised), and a
/// uniform prior kernel last (Optuna's form).
/// </summary>
internal sealed class CategoricalParzenEstimator
{
    private readonly int[] _observations;
    private readonly int _choices;
    private readonly double _floor;

    /// <param name="observations">Observed choice indices.</param>
    /// <param name="weights">Their weights (not normalised).</param>
    /// <param name="choices">The number of choices.</param>
    /// <param name="priorWeight">The prior kernel's weight.</param>
    public CategoricalParzenEstimator(ReadOnlySpan<int> observations, ReadOnlySpan<double> weights, int choices, double priorWeight)
    {
        _observations = observations.ToArray();
        _choices = choices;
        _floor = priorWeight / (observations.Length + 1);
        Mixture = new KernelMixture(weights, priorWeight);
    }

    /// <summary>The kernels' weights.</summary>
    public KernelMixture Mixture { get; }

    /// <summary>A draw from the mixture: a choice index.</summary>
    public int Sample(RandomSource random) => SampleKernel(Mixture.Pick(random), random);

    /// <summary>A draw from kernel <paramref name="k"/>.</summary>
    public int SampleKernel(int k, RandomSource random)
    {
        double u = random.NextDouble(), cumulative = 0;
        for (int c = 0; c < _choices - 1; c++)
        {
            cumulative += KernelProbability(k, c);
            if (u < cumulative) return c;
        }
        return _choices - 1;
    }

    /// <summary>log P(choice).</summary>
    public double LogProbability(int choice)
    {
        var terms = new double[Mixture.Count];
        AddKernelLogProbabilities(choice, terms);
        return Mixture.LogSum(terms);
    }

    /// <summary>Adds each kernel's log probability of <paramref name="choice"/> to <paramref name="into"/>.</summary>
    public void AddKernelLogProbabilities(int choice, Span<double> into)
    {
        for (int k = 0; k < Mixture.Count; k++) into[k] += Math.Log(KernelProbability(k, choice));
    }

    private double KernelProbability(int k, int choice)
    {
        bool observed = k < _observations.Length;
        double hit = observed && _observations[k] == choice ? 1 : 0;
        return (_floor + hit) / (_floor * _choices + (observed ? 1 : 0));
    }
}
