using System.Text;
using MLExt.IO;

namespace MLExt.AutoML;

/// <summary>
/// Appends a study's lines to its JSON-lines file as they happen: each line in one write, flushed to disk before the call returns,
/// so a crash loses at most the line being written, and <see cref="StudyLog.Load"/> ignores such a torn last line. Thread-safe.
/// </summary>
public sealed class StudyWriter : IDisposable
{
    private readonly FileStream _stream;
    private readonly object _gate = new();

    private StudyWriter(FileStream stream) => _stream = stream;

    /// <summary>The file written.</summary>
    public string Path => _stream.Name;

    /// <summary>Creates a new study file holding <paramref name="header"/>.</summary>
    /// <exception cref="IOException">The file exists already (a study is never overwritten) or cannot be written.</exception>
    public static StudyWriter Create(string path, StudyHeader header)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(header);
        string? directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (directory is not null)
            Directory.CreateDirectory(directory);
        var writer = new StudyWriter(new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read));
        writer.WriteLine(StudyJson.Header(header));
        return writer;
    }

    /// <summary>
    /// Replaces the study file at <paramref name="path"/> with <paramref name="lines"/> (through a temporary file renamed into place,
    /// so the old study stays whole until the new one is complete) and opens it to append to.
    /// </summary>
    public static StudyWriter Rewrite(string path, IEnumerable<string> lines)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(lines);
        string full = System.IO.Path.GetFullPath(path);
        AtomicFile.Write(full, stream =>
        {
            foreach (string line in lines)
                stream.Write(Encoding.UTF8.GetBytes(line + "\n"));
        });
        var append = new FileStream(full, FileMode.Append, FileAccess.Write, FileShare.Read);
        return new StudyWriter(append);
    }

    /// <summary>Appends a tuner event.</summary>
    public void Write(TunerEvent tunerEvent) => WriteLine(StudyJson.Event(tunerEvent));

    /// <summary>Appends a finished trial.</summary>
    public void Write(TrialRecord record) => WriteLine(StudyJson.Trial(record));

    private void WriteLine(string line)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(line + "\n");
        lock (_gate)
        {
            _stream.Write(bytes);
            _stream.Flush(flushToDisk: true);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        lock (_gate)
            _stream.Dispose();
    }
}
