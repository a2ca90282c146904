namespace MLExt.IO;

/// <summary>
/// A folder for temporary copies of the user's data (ML.NET writes the ONNX graph of a model it builds or loads, and
/// the entries of a model zip it saves, to temporary files): created once per process under the system temporary
/// folder, readable by this user only (0700 on Unix), deleted with everything in it when the process exits
/// (<see cref="TemporaryFiles"/>).
/// </summary>
public static class PrivateTempFolder
{
    private static readonly Lock Gate = new();
    private static readonly string SystemTemp = System.IO.Path.GetTempPath();
    private static string? _path;

    /// <summary>The folder's full path; created (again, if something deleted it) on first use.</summary>
    public static string Path
    {
        get
        {
            lock (Gate)
            {
                if (_path is null || !Directory.Exists(_path))
                {
                    // An unpredictable name, created for this user only.
                    string path = System.IO.Path.Combine(SystemTemp, "mlext-" + System.IO.Path.GetRandomFileName().Replace(".", "", StringComparison.Ordinal));
                    if (OperatingSystem.IsWindows())
                        Directory.CreateDirectory(path);
                    else
                        Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                    _path = path;
                    TemporaryFiles.TrackFolder(_path);
                }
                return _path;
            }
        }
    }

    /// <summary>
    /// Makes this folder the process's temporary folder (TMPDIR on Unix, TMP and TEMP on Windows), so that every library
    /// of an application (ML.NET, ONNX Runtime) writes its temporary files here; for executables such as the CLI.
    /// </summary>
    public static void UseForProcess()
    {
        string path = Path;
        if (OperatingSystem.IsWindows())
        {
            Environment.SetEnvironmentVariable("TMP", path);
            Environment.SetEnvironmentVariable("TEMP", path);
        }
        else
        {
            Environment.SetEnvironmentVariable("TMPDIR", path);
        }
    }

    /// <summary>Makes every file in the folder readable and writable by this user only (0600 on Unix).</summary>
    public static void RestrictFiles()
    {
        if (OperatingSystem.IsWindows())
            return;
        foreach (string file in Directory.EnumerateFiles(Path, "*", SearchOption.AllDirectories))
        {
            try
            {
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
            catch (FileNotFoundException)
            {
                // Deleted meanwhile (ML.NET deletes its copy when the model is disposed).
            }
        }
    }
}
