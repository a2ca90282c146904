namespace MLExt.Cli.Training;

/// <summary>What <c>mlext train</c> learns to predict.</summary>
internal enum TaskKind
{
    /// <summary>One of two classes (a Boolean label).</summary>
    Binary,

    /// <summary>One of several classes (a key-typed label).</summary>
    Multiclass,

    /// <summary>A number (a Single label).</summary>
    Regression,
}
