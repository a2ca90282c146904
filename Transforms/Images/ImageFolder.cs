using Microsoft.ML;

namespace MLExt.Transforms;

/// <summary>
/// Reads the layout ML.NET's image tutorials use: a folder with one sub-folder per class, each holding that class's
/// image files (.png, .jpg, .jpeg, .bmp, .gif, .webp). Rows come sorted by class, then file name, so a listing is
/// the same on every machine.
/// </summary>
public static class ImageFolder
{
    private static readonly HashSet<string> Extensions = new(StringComparer.OrdinalIgnoreCase) { ".png", ".jpg", ".jpeg", ".bmp", ".gif", ".webp" };

    /// <summary>Every image file under <paramref name="folder"/>'s class sub-folders.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="ArgumentException">It has fewer than two class sub-folders holding images.</exception>
    public static IReadOnlyList<ImageFolderRow> List(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"Image folder '{folder}' does not exist; expected one sub-folder of images per class.");
        var rows = new List<ImageFolderRow>();
        foreach (var classFolder in Directory.GetDirectories(folder).Order(StringComparer.Ordinal))
        {
            string label = Path.GetFileName(classFolder);
            foreach (var file in Directory.GetFiles(classFolder).Where(f => Extensions.Contains(Path.GetExtension(f))).Order(StringComparer.Ordinal))
                rows.Add(new ImageFolderRow { ImagePath = Path.GetFullPath(file), Label = label });
        }
        int classes = rows.Select(r => r.Label).Distinct().Count();
        if (classes < 2)
            throw new ArgumentException(
                $"Image folder '{folder}' has images in {classes} class sub-folder(s); classification needs at least two (one sub-folder of {string.Join("/", Extensions.Order())} files per class).",
                nameof(folder));
        return rows;
    }

    /// <summary>
    /// The files of <paramref name="rows"/> that cannot be decoded as images (damaged, truncated, not an image despite
    /// the extension), each with the decoder's reason, in the order given. Every file is decoded once.
    /// </summary>
    public static IReadOnlyList<(ImageFolderRow Row, string Reason)> Unreadable(IEnumerable<ImageFolderRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var bad = new List<(ImageFolderRow, string)>();
        foreach (var row in rows)
        {
            try
            {
                using var image = Microsoft.ML.Data.MLImage.CreateFromFile(row.ImagePath);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException or UnauthorizedAccessException)
            {
                bad.Add((row, e.Message.Replace($" (Parameter '{(e as ArgumentException)?.ParamName}')", "", StringComparison.Ordinal).TrimEnd('.')));
            }
        }
        return bad;
    }

    /// <summary>The listing as an <see cref="IDataView"/> with the columns <c>ImagePath</c> and <c>Label</c> (text).</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="ArgumentException">It has fewer than two class sub-folders holding images.</exception>
    public static IDataView Load(MLContext mlContext, string folder)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        return mlContext.Data.LoadFromEnumerable(List(folder));
    }
}
