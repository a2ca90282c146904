namespace MLExt.AutoML;

/// <summary>
/// A hyperparameter search strategy. The experiment asks for trials with <see cref="Propose"/>, may
/// ask <see cref="ShouldPrune"/> after each epoch of a running trial, and hands back every finished
/// trial with <see cref="Report"/>. Tuners MINIMISE <see cref="TrialOutcome.Loss"/> (a maximised metric
/// is reported negated).
/// </summary>
/// <remarks>
/// Determinism: a tuner's proposals and pruning decisions are a pure function of its seed, its options
/// and the ordered sequence of calls it has seen, so a study resumes by building the tuner again and
/// replaying its event log (<see cref="TunerReplay"/>). Reports may arrive in any order relative to
/// proposals (parallel trials), and a failed trial reports a NaN loss. Tuners are not thread-safe:
/// the caller serialises calls.
/// </remarks>
public interface ITuner
{
    /// <summary>The tuner's short name, such as "tpe".</summary>
    string Name { get; }

    /// <summary>The next trial to run: ids are 0, 1, 2, … in proposal order.</summary>
    TrialSuggestion Propose();

    /// <summary>
    /// Whether the running trial <paramref name="trialId"/> should stop, given its intermediate loss
    /// <paramref name="value"/> after <paramref name="step"/> epochs (1 for the first). Multi-fidelity
    /// tuners decide at their rungs; others always answer false.
    /// </summary>
    bool ShouldPrune(int trialId, int step, double value);

    /// <summary>Records a finished trial (completed, pruned or failed).</summary>
    /// <exception cref="ArgumentException">The id was never proposed or was already reported.</exception>
    void Report(TrialOutcome outcome);
}
