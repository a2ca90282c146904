namespace MLExt.Evaluation.Reports;

/// <summary>A table of a report section, already formatted as text.</summary>
/// <param name="Caption">What the table shows.</param>
/// <param name="Header">Column headings.</param>
/// <param name="Rows">Cells, row by row.</param>
public sealed record ReportTable(string Caption, IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows);
