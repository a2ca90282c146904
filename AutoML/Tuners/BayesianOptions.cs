namespace MLExt.AutoML;

/// <summary>Options of <see cref="BayesianTuner"/>.</summary>
public sealed class BayesianOptions
{
    /// <summary>Random trials before the Gaussian process takes over; null for 2·(dimension + 1), at least 5.</summary>
    public int? StartupTrials { get; set; }

    /// <summary>Uniform random candidates scored by expected improvement per proposal. Default 2000.</summary>
    public int RandomCandidates { get; set; } = 2000;

    /// <summary>Candidates drawn around the best trials so far. Default 500.</summary>
    public int LocalCandidates { get; set; } = 500;

    /// <summary>The best candidates refined by a shrinking-step local search. Default 5.</summary>
    public int RefinedCandidates { get; set; } = 5;

    /// <summary>Steps of that local search per refined candidate. Default 40.</summary>
    public int RefinementSteps { get; set; } = 40;

    /// <summary>The exploration margin ξ of expected improvement, in standard deviations of the losses. Default 0.01.</summary>
    public double Xi { get; set; } = 0.01;

    /// <summary>Coordinate-wise sweeps over per-dimension length scales when fitting the process. Default 3.</summary>
    public int HyperparameterSweeps { get; set; } = 3;

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (named).</exception>
    public void Validate()
    {
        if (StartupTrials is < 2) throw new ArgumentOutOfRangeException(nameof(StartupTrials), StartupTrials, "A Gaussian process needs at least 2 random trials to start from.");
        if (RandomCandidates < 1) throw new ArgumentOutOfRangeException(nameof(RandomCandidates), RandomCandidates, "At least one random candidate.");
        if (LocalCandidates < 0) throw new ArgumentOutOfRangeException(nameof(LocalCandidates), LocalCandidates, "Cannot be negative.");
        if (RefinedCandidates < 0) throw new ArgumentOutOfRangeException(nameof(RefinedCandidates), RefinedCandidates, "Cannot be negative.");
        if (RefinementSteps < 0) throw new ArgumentOutOfRangeException(nameof(RefinementSteps), RefinementSteps, "Cannot be negative.");
        if (!(Xi >= 0) || !double.IsFinite(Xi)) throw new ArgumentOutOfRangeException(nameof(Xi), Xi, "ξ is finite and not negative.");
        if (HyperparameterSweeps < 0) throw new ArgumentOutOfRangeException(nameof(HyperparameterSweeps), HyperparameterSweeps, "Cannot be negative.");
    }
}
