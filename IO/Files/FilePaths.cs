namespace MLExt.IO;

/// <summary>Compares paths as the files they name: relative paths, <c>..</c>, symbolic links and letter case where the file system folds it.</summary>
public static class FilePaths
{
    private const int MaxLinks = 40;

    /// <summary>Whether <paramref name="first"/> and <paramref name="second"/> name the same file (or folder).</summary>
    /// <remarks>Hard links to one file under two names are not detected.</remarks>
    public static bool SameFile(string first, string second) =>
        string.Equals(Canonical(first), Canonical(second), StringComparison.Ordinal);

    /// <summary>
    /// The full path of <paramref name="path"/> with every symbolic link resolved and each existing part spelt as
    /// it is stored on disk (so that on a case-insensitive file system <c>Data.CSV</c> and <c>data.csv</c> agree).
    /// The parts that do not exist are kept as written.
    /// </summary>
    public static string Canonical(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return Canonical(Path.IsPathRooted(path) ? path : Path.Combine(Environment.CurrentDirectory, path), links: 0);
    }

    // Walks the parts as the operating system does: a link is followed before the next part, so "link/.." is the
    // folder above the link's target, not the folder holding the link.
    private static string Canonical(string path, int links)
    {
        string root = Path.GetPathRoot(path) ?? "";
        string current = Path.GetFullPath(root);
        var parts = path[root.Length..].Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);
        for (int i = 0; i < parts.Length; i++)
        {
            if (parts[i] == ".")
                continue;
            if (parts[i] == "..")
            {
                current = Path.GetDirectoryName(current) ?? current;
                continue;
            }
            string candidate = Path.Combine(current, parts[i]);
            var info = new FileInfo(candidate);
            if (!info.Exists && !Directory.Exists(candidate) && info.LinkTarget is null)
                return Path.GetFullPath(Path.Combine([current, .. parts[i..]]));
            candidate = Path.Combine(current, StoredName(current, parts[i]));
            info = new FileInfo(candidate);
            if (info.LinkTarget is not null && links < MaxLinks)
                candidate = Canonical(Path.IsPathRooted(info.LinkTarget) ? info.LinkTarget : Path.Combine(current, info.LinkTarget), links + 1);
            current = candidate;
        }
        return current;
    }

    // The name of the entry of `folder` that `name` opens: itself if stored so, else the one entry equal to it but for case.
    private static string StoredName(string folder, string name)
    {
        try
        {
            string? folded = null;
            foreach (string entry in Directory.EnumerateFileSystemEntries(folder))
            {
                string stored = Path.GetFileName(entry);
                if (string.Equals(stored, name, StringComparison.Ordinal))
                    return name;
                if (string.Equals(stored, name, StringComparison.OrdinalIgnoreCase))
                    folded = stored;
            }
            return folded ?? name;
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            return name;
        }
    }
}
