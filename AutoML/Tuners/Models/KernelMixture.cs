using MLExt.Neural;

namespace MLExt.AutoML;

/// <summary>The normalised weights of a Parzen estimator's kernels: one per observation, then the prior.</summary>
internal sealed class KernelMixture
{
    private readonly double[] _weights;
    private readonly double[] _logWeights;

    public KernelMixture(ReadOnlySpan<double> weights, double priorWeight)
    {
        int n = weights.Length + 1;
        _weights = new double[n];
        weights.CopyTo(_weights);
        _weights[n - 1] = priorWeight;
        double total = _weights.Sum();
        _logWeights = new double[n];
        for (int i = 0; i < n; i++)
        {
            _weights[i] /= total;
            _logWeights[i] = Math.Log(_weights[i]);
        }
    }

    /// <summary>The number of kernels, the prior included.</summary>
    public int Count => _weights.Length;

    /// <summary>The normalised weight of kernel <paramref name="k"/>.</summary>
    public double Weight(int k) => _weights[k];

    /// <summary>A kernel index drawn by weight.</summary>
    public int Pick(RandomSource random)
    {
        double u = random.NextDouble(), cumulative = 0;
        for (int k = 0; k < _weights.Length - 1; k++)
        {
            cumulative += _weights[k];
            if (u < cumulative) return k;
        }
        return _weights.Length - 1;
    }

    /// <summary>log Σₖ wₖ·exp(kernelLogValues[k]): the mixture's log value from its kernels' log values.</summary>
    public double LogSum(ReadOnlySpan<double> kernelLogValues)
    {
        var terms = new double[_weights.Length];
        for (int k = 0; k < terms.Length; k++) terms[k] = _logWeights[k] + kernelLogValues[k];
        return NormalDistribution.LogSumExp(terms);
    }
}
