using MLExt.IO;

namespace MLExt.Cli.Commands;

/// <summary>
/// The files and folders a command reads and writes, checked together before any work: inputs exist; each output
/// lies in an existing, writable folder, is not one of the inputs (compared as files: relative paths, symbolic links,
/// letter case where the file system folds it) and not another output. Every failure names the option.
/// </summary>
internal sealed class CommandFiles
{
    private readonly List<(string Option, string Path, bool Folder)> _inputs = [];
    private readonly List<(string Option, string Path, bool Folder)> _outputs = [];

    /// <summary>A file (or, with <paramref name="folder"/>, a folder) the command reads; null when the option is not given.</summary>
    public CommandFiles Input(string option, string? path, bool folder = false)
    {
        if (path is not null) _inputs.Add((option, path, folder));
        return this;
    }

    /// <summary>A file (or, with <paramref name="folder"/>, a folder of files) the command writes; null when the option is not given.</summary>
    public CommandFiles Output(string option, string? path, bool folder = false)
    {
        if (path is not null) _outputs.Add((option, path, folder));
        return this;
    }

    /// <summary>Runs every check; throws a <see cref="UserException"/> naming the option at the first failure.</summary>
    public void Check()
    {
        foreach (var (option, path, folder) in _inputs)
        {
            if (!folder && Directory.Exists(path))
                throw new UserException($"{option}: '{path}' is a folder; name a file");
            if (folder && File.Exists(path))
                throw new UserException($"{option}: '{path}' is a file; name a folder");
            if (folder ? !Directory.Exists(path) : !File.Exists(path))
                throw new UserException($"{option}: {(folder ? "folder" : "file")} '{path}' does not exist");
        }
        for (int i = 0; i < _outputs.Count; i++)
        {
            var (option, path, folder) = _outputs[i];
            CheckOutput(option, path, folder);
            foreach (var input in _inputs.Where(input => FilePaths.SameFile(path, input.Path)))
                throw new UserException($"{option} '{path}' is the same file as {input.Option} '{input.Path}': " +
                    "it would overwrite the input; choose another file");
            foreach (var other in _outputs.Take(i).Where(other => FilePaths.SameFile(path, other.Path)))
                throw new UserException($"{option} '{path}' is the same file as {other.Option} '{other.Path}'; choose another file");
        }
    }

    private static void CheckOutput(string option, string path, bool folder)
    {
        if (string.IsNullOrWhiteSpace(path))
            throw new UserException($"{option} must name a {(folder ? "directory" : "file")}, got '{path}'");
        if (!folder && Directory.Exists(path))
            throw new UserException($"{option} must name a file, got '{path}'");
        if (folder && File.Exists(path))
            throw new UserException($"{option} must name a directory, but '{path}' is a file");
        string full = Path.GetFullPath(path);
        string parent = Path.GetDirectoryName(full) ?? full;
        if (File.Exists(parent))
            throw new UserException($"{option}: '{parent}' is a file, not a folder, so '{path}' cannot be written");
        if (!Directory.Exists(parent))
            throw new UserException($"{option}: the folder '{parent}' does not exist");
        string written = folder && Directory.Exists(full) ? full : parent;
        try
        {
            // The one reliable test of "can this user create files here" is to create one.
            using var probe = new FileStream(Path.Combine(written, $".mlext-write-check-{Guid.NewGuid():N}"),
                FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1, FileOptions.DeleteOnClose);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new UserException($"{option}: cannot write in the folder '{written}' ({e.Message.TrimEnd('.')})");
        }
    }
}
