namespace MLExt.Transforms;

/// <summary>One image file of an <see cref="ImageFolder"/>: its path and its class (the sub-folder's name).</summary>
public sealed class ImageFolderRow
{
    /// <summary>Full path of the image file.</summary>
    public string ImagePath { get; set; } = "";

    /// <summary>The class: the name of the sub-folder holding the file.</summary>
    public string Label { get; set; } = "";
}
