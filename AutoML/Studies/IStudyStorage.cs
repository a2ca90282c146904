namespace MLExt.AutoML;

/// <summary>
/// Where a study lives: a JSON-lines file for one process (<see cref="JsonLinesStudyStorage"/>, the embedded default) or a
/// PostgreSQL database that any number of worker processes and machines share (<see cref="PostgresStudyStorage"/>).
/// </summary>
/// <remarks>
/// A study is kept as the ordered log of its tuner's calls (<see cref="TunerEvent"/>) beside its trials. Every call a tuner
/// answers runs inside <see cref="Exclusive{T}"/>, which holds the study for this worker alone and hands it the calls other
/// workers made since, so every worker's tuner sees the same calls in the same order and proposes as one tuner would.
/// </remarks>
public interface IStudyStorage : IDisposable
{
    /// <summary>The storage and study in words, for messages (never a password).</summary>
    string Description { get; }

    /// <summary>Whether other processes may work on the study at the same time (a database) or not (a file).</summary>
    bool IsShared { get; }

    /// <summary>
    /// Creates the study, or joins (resumes) the existing one after checking that it was made with the same settings.
    /// </summary>
    /// <param name="header">What the study optimises and how.</param>
    /// <param name="space">The search space (a database stores each parameter's distribution).</param>
    /// <param name="resume">For a file: whether an existing study may be continued. A database study is always joined.</param>
    /// <exception cref="StudyStorageException">The study exists with other settings, the storage does not answer, or its schema is not the one expected.</exception>
    StudyContents Open(StudyHeader header, SearchSpace space, bool resume);

    /// <summary>
    /// Runs <paramref name="step"/> while the study is held for this worker alone; what it records is stored when it returns.
    /// A dropped connection is retried: <paramref name="step"/> may then run again, so it checks the log for its own earlier work.
    /// </summary>
    T Exclusive<T>(Func<IStudyTransaction, T> step);

    /// <summary>Records that the running trial <paramref name="trialId"/> is alive.</summary>
    void Heartbeat(int trialId);

    /// <summary>The finished trials, in the order they finished.</summary>
    IReadOnlyList<TrialRecord> Trials();
}
