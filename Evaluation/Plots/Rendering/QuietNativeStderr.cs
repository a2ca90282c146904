using System.Runtime.InteropServices;

namespace MLExt.Evaluation.Plots;

/// <summary>
/// Runs a call with the process's standard error (file descriptor 2) pointed at /dev/null, on Linux and macOS.
/// Skia's SVG writer draws dashed lines correctly (as filled dash shapes) but prints "Unsupported path effect in
/// addPaint." to the native stderr for each one, which would land in the CLI's report stream; nothing else is written
/// there while an SVG is produced. Elsewhere, or if a descriptor call fails, the call runs unchanged.
/// </summary>
internal static partial class QuietNativeStderr
{
    private const int StandardError = 2, WriteOnly = 1;
    private static readonly Lock Gate = new();

    public static T Run<T>(Func<T> call)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) return call();
        lock (Gate)
        {
            Console.Error.Flush();
            int saved = Dup(StandardError);
            int devNull = saved < 0 ? -1 : Open("/dev/null", WriteOnly);
            if (devNull < 0 || Dup2(devNull, StandardError) < 0)
            {
                if (saved >= 0) Close(saved);
                if (devNull >= 0) Close(devNull);
                return call();
            }
            try
            {
                return call();
            }
            finally
            {
                Dup2(saved, StandardError);
                Close(saved);
                Close(devNull);
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "dup")]
    private static partial int Dup(int descriptor);

    [LibraryImport("libc", EntryPoint = "dup2")]
    private static partial int Dup2(int descriptor, int target);

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int descriptor);
}
