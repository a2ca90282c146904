namespace MLExt.Evaluation.Reports;

/// <summary>A section of a rendered report: a heading, paragraphs, tables, figures by name, and bullet points.</summary>
/// <param name="Heading">The heading.</param>
/// <param name="Level">1 for the title, 2 for a section, 3 for a subsection.</param>
/// <param name="Paragraphs">Lines of text.</param>
/// <param name="Tables">Tables, in order.</param>
/// <param name="Plots">Names of the <see cref="Plots.PlotImage"/>s shown here.</param>
/// <param name="Bullets">Bullet points (warnings, reasons).</param>
public sealed record ReportSection(string Heading, int Level, IReadOnlyList<string> Paragraphs, IReadOnlyList<ReportTable> Tables,
    IReadOnlyList<string> Plots, IReadOnlyList<string> Bullets);
