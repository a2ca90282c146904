namespace MLExt.Trainers.Ensembles;

/// <summary>How a voting ensemble of classifiers combines its members.</summary>
public enum EnsembleVoting
{
    /// <summary>The weighted mean of the members' probabilities (binary <c>Probability</c>, multiclass <c>Score</c>).</summary>
    Soft,

    /// <summary>The weighted share of the members' predicted classes; ties go to the negative class (binary) or the first class (multiclass).</summary>
    Hard,
}
