namespace MLExt.Evaluation.Plots;

/// <summary>A rendered plot: PNG bytes and SVG text of the same figure.</summary>
/// <param name="Name">A file-name stem, such as <c>roc</c>.</param>
/// <param name="Title">The figure's title.</param>
/// <param name="Png">The PNG image.</param>
/// <param name="Svg">The SVG document.</param>
public sealed record PlotImage(string Name, string Title, byte[] Png, string Svg);
