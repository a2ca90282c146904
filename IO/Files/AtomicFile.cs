using System.Text;

namespace MLExt.IO;

/// <summary>
/// Writes a file so that readers see either the old content or the complete new one, never a part: every output
/// of MLExt (model zips, ONNX files, predictions, reports, plots, checkpoints, study rewrites) goes through here.
/// </summary>
public static class AtomicFile
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>
    /// Writes to a temporary file beside <paramref name="path"/> (its folder is created if needed), flushes it to
    /// disk, then renames it over <paramref name="path"/>. If <paramref name="write"/> throws (or is cancelled), the
    /// temporary file is deleted and any existing file at <paramref name="path"/> is left as it was; if the process
    /// ends meanwhile, <see cref="TemporaryFiles.DeleteAll"/> (run at exit and on Ctrl+C by the CLI) deletes it.
    /// </summary>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(write);
        string full = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(full) ?? ".";
        Directory.CreateDirectory(directory);
        string temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        TemporaryFiles.Track(temporary);
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
        finally
        {
            TemporaryFiles.Untrack(temporary);
        }
    }

    /// <summary>Writes <paramref name="text"/> as UTF-8 without a byte-order mark, atomically (see <see cref="Write"/>).</summary>
    public static void WriteAllText(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Write(path, stream => stream.Write(Utf8.GetBytes(text)));
    }

    /// <summary>Writes <paramref name="bytes"/> atomically (see <see cref="Write"/>).</summary>
    public static void WriteAllBytes(string path, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        Write(path, stream => stream.Write(bytes));
    }
}
