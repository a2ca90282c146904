namespace MLExt.Cli.Models;

/// <summary>An ensemble <c>mlext cv --ensemble</c> adds.</summary>
internal enum EnsembleKind
{
    /// <summary>Soft voting (classification) or averaging (regression) with equal weights.</summary>
    Voting,

    /// <summary>A linear meta-learner on the members' out-of-fold predictions.</summary>
    Stacking,
}
