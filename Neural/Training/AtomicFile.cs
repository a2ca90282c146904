namespace MLExt.Neural;

/// <summary>
/// Writes a file so that readers see either the old content or the complete new one, never a part. MLExt writes its
/// checkpoints, models and reports this way; programs built on it can do the same.
/// </summary>
public static class AtomicFile
{
    /// <summary>
    /// Writes to a temporary file beside <paramref name="path"/>, flushes it to disk, then renames it over
    /// <paramref name="path"/>. If <paramref name="write"/> throws, the temporary file is deleted and any
    /// existing file at <paramref name="path"/> is left as it was.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string full = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(full) ?? ".";
        Directory.CreateDirectory(directory);
        string temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }
}
