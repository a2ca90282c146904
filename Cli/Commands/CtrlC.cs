using MLExt.IO;

namespace MLExt.Cli.Commands;

/// <summary>
/// What Ctrl+C does, in one place: a command that stops gracefully (a search that saves what it found) registers a
/// cancellation source and gets cancelled; otherwise the process ends, and the partial outputs being written and the
/// private temporary files are deleted first, so that an interrupted command leaves nothing behind.
/// </summary>
internal static class CtrlC
{
    private static readonly Lock Gate = new();
    private static CancellationTokenSource? _graceful;

    /// <summary>Handles Ctrl+C for the whole process; called once by the executable's entry point.</summary>
    public static void Install() => Console.CancelKeyPress += OnCancelKeyPress;

    /// <summary>Makes Ctrl+C cancel <paramref name="source"/> instead of ending the process, until disposed.</summary>
    public static IDisposable StopGracefully(CancellationTokenSource source)
    {
        lock (Gate) _graceful = source;
        return new Registration(source);
    }

    private static void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
    {
        CancellationTokenSource? graceful;
        lock (Gate) graceful = _graceful;
        if (graceful is not null)
        {
            e.Cancel = true;
            graceful.Cancel();
            return;
        }
        TemporaryFiles.DeleteAll();
    }

    private sealed class Registration(CancellationTokenSource source) : IDisposable
    {
        public void Dispose()
        {
            lock (Gate)
            {
                if (ReferenceEquals(_graceful, source))
                    _graceful = null;
            }
        }
    }
}
