namespace MLExt.Cli;

/// <summary>
/// A mistake of the user's — a bad option value, a missing file or column, unusable data.
/// The CLI prints its message on one line of stderr, without a stack trace, and exits with code 1.
/// </summary>
internal sealed class UserException(string message) : Exception(message);
