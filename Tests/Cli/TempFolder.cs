namespace MLExt.Tests.Cli;

/// <summary>A temporary folder for test files, deleted on dispose.</summary>
public sealed class TempFolder : IDisposable
{
    private readonly string _path = Directory.CreateTempSubdirectory("mlext-tests-").FullName;

    /// <summary>Writes <paramref name="content"/> to the file <paramref name="name"/> and returns its path.</summary>
    public string Write(string name, string content)
    {
        string path = PathOf(name);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>The path of <paramref name="name"/> in the folder, whether or not it exists.</summary>
    public string PathOf(string name) => Path.Combine(_path, name);

    /// <inheritdoc />
    public void Dispose() => Directory.Delete(_path, recursive: true);
}
