namespace MLExt.IO;

/// <summary>
/// A folder for temporary copies of the user's data (ML.NET writes the ONNX graph of a model it builds or loads to a
/// temporary file): created once per process under the system temporary folder, readable by this user only (0700 on
/// Unix), deleted with everything in it when the process exits (<see cref="TemporaryFiles"/>).
/// </summary>
public static class PrivateTempFolder
{
    private static readonly Lock Gate = new();
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
                    // CreateTempSubdirectory makes a new folder with an unpredictable name, mode 0700 on Unix.
                    _path = Directory.CreateTempSubdirectory("mlext-").FullName;
                    TemporaryFiles.TrackFolder(_path);
                }
                return _path;
            }
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
