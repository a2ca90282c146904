namespace MLExt.AutoML;

/// <summary>
/// Options of <see cref="TpeTuner"/>. The defaults are Optuna's except two, chosen on the tuner benchmark
/// (Branin and Hartmann6, 40 seeds): the unconditional parameters are modelled jointly
/// (<see cref="Multivariate"/>) and the good group is the best 20% (<see cref="Gamma"/>). Optuna's
/// defaults are <c>Multivariate = false, Gamma = 0.1</c>.
/// </summary>
public sealed class TpeOptions
{
    /// <summary>Random trials before the model takes over. Default 10.</summary>
    public int StartupTrials { get; set; } = 10;

    /// <summary>Candidates drawn from the good density l(x) per parameter; the one maximising l(x)/g(x) wins. Default 24.</summary>
    public int Candidates { get; set; } = 24;

    /// <summary>The fraction γ of trials that form the good group: ⌈γ·n⌉, at most <see cref="MaxGoodTrials"/>. Default 0.2.</summary>
    public double Gamma { get; set; } = 0.2;

    /// <summary>The largest good group. Default 25.</summary>
    public int MaxGoodTrials { get; set; } = 25;

    /// <summary>The weight of the prior kernel in each density. Default 1.</summary>
    public double PriorWeight { get; set; } = 1.0;

    /// <summary>Down-weight old trials: beyond the newest 25 of a group, weights ramp linearly from 1/n up to 1. Default true.</summary>
    public bool RampOldTrialWeights { get; set; } = true;

    /// <summary>
    /// Model the unconditional parameters jointly (product kernels, one bandwidth per kernel and dimension,
    /// candidates drawn from one kernel across all of them) instead of one at a time; conditional
    /// parameters are always modelled one at a time within their branch. Default true.
    /// </summary>
    public bool Multivariate { get; set; } = true;

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (named).</exception>
    public void Validate()
    {
        if (StartupTrials < 1) throw new ArgumentOutOfRangeException(nameof(StartupTrials), StartupTrials, "At least one random trial is needed before the model.");
        if (Candidates < 1) throw new ArgumentOutOfRangeException(nameof(Candidates), Candidates, "At least one candidate.");
        if (!(Gamma > 0 && Gamma < 1)) throw new ArgumentOutOfRangeException(nameof(Gamma), Gamma, "γ lies in (0, 1).");
        if (MaxGoodTrials < 1) throw new ArgumentOutOfRangeException(nameof(MaxGoodTrials), MaxGoodTrials, "At least one good trial.");
        if (!(PriorWeight > 0) || !double.IsFinite(PriorWeight)) throw new ArgumentOutOfRangeException(nameof(PriorWeight), PriorWeight, "The prior weight is positive and finite.");
    }
}
