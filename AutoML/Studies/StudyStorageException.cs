namespace MLExt.AutoML;

/// <summary>
/// A study's storage cannot be used as asked: its address does not parse, the server does not answer, the study exists with
/// other settings, the schema is not the one expected, or permission is denied. The message names the storage (without its
/// password) and says what to do.
/// </summary>
public sealed class StudyStorageException : Exception
{
    /// <summary>An error with <paramref name="message"/>.</summary>
    public StudyStorageException(string message) : base(message) { }

    /// <summary>An error with <paramref name="message"/> caused by <paramref name="inner"/>.</summary>
    public StudyStorageException(string message, Exception inner) : base(message, inner) { }
}
