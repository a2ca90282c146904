using System.Collections.Concurrent;

namespace MLExt.IO;

/// <summary>
/// The temporary files and folders of this process that must not outlive it: the partial outputs of
/// <see cref="AtomicFile"/> being written and <see cref="PrivateTempFolder"/>. They are deleted when the process
/// exits normally; a program that ends on a signal (the CLI on Ctrl+C) calls <see cref="DeleteAll"/> itself.
/// </summary>
public static class TemporaryFiles
{
    private static readonly ConcurrentDictionary<string, bool> Files = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, bool> Folders = new(StringComparer.Ordinal);

    static TemporaryFiles() => AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteAll();

    /// <summary>The temporary files being written now (full paths).</summary>
    public static IReadOnlyCollection<string> InFlight => [.. Files.Keys];

    /// <summary>Deletes every tracked temporary file and folder; safe to call from any thread, any number of times.</summary>
    public static void DeleteAll()
    {
        foreach (string file in Files.Keys)
            TryDelete(() => File.Delete(file));
        foreach (string folder in Folders.Keys)
        {
            // Another thread may still be creating files in it (a save interrupted by Ctrl+C): try again a few times.
            for (int attempt = 0; attempt < 10 && Directory.Exists(folder); attempt++)
            {
                if (attempt > 0) Thread.Sleep(20);
                TryDelete(() => Directory.Delete(folder, recursive: true));
            }
        }
    }

    internal static void Track(string file) => Files[file] = true;

    internal static void Untrack(string file) => Files.TryRemove(file, out _);

    internal static void TrackFolder(string folder) => Folders[folder] = true;

    internal static void UntrackFolder(string folder) => Folders.TryRemove(folder, out _);

    // Cleaning up must never turn an exit or a cancellation into a crash; a file already gone is fine.
    private static void TryDelete(Action delete)
    {
        try
        {
            delete();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}
