namespace MLExt.Evaluation.Plots;

/// <summary>A matrix drawn as coloured cells (row 0 at the top) with text in each cell and a colour scale beside it.</summary>
public sealed class HeatMap
{
    /// <summary>A heat map of <paramref name="shade"/> (colour) annotated with <paramref name="cells"/> (text).</summary>
    /// <param name="shade"><c>shade[row, column]</c>, mapped to colour over <paramref name="scaleMin"/>..<paramref name="scaleMax"/>.</param>
    /// <param name="cells">The text of each cell, the same shape as <paramref name="shade"/>.</param>
    /// <param name="rowLabels">One label per row, top to bottom.</param>
    /// <param name="columnLabels">One label per column, left to right.</param>
    /// <param name="scaleLabel">The colour scale's caption.</param>
    /// <param name="scaleMin">The value drawn darkest.</param>
    /// <param name="scaleMax">The value drawn brightest; greater than <paramref name="scaleMin"/>.</param>
    /// <exception cref="ArgumentException">The shapes or label counts disagree, or the scale is empty.</exception>
    public HeatMap(double[,] shade, string[,] cells, IReadOnlyList<string> rowLabels, IReadOnlyList<string> columnLabels, string scaleLabel,
        double scaleMin = 0, double scaleMax = 1)
    {
        ArgumentNullException.ThrowIfNull(shade);
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(rowLabels);
        ArgumentNullException.ThrowIfNull(columnLabels);
        int rows = shade.GetLength(0), columns = shade.GetLength(1);
        if (cells.GetLength(0) != rows || cells.GetLength(1) != columns)
            throw new ArgumentException($"Cell text is {cells.GetLength(0)}×{cells.GetLength(1)}; expected the shade's shape {rows}×{columns}.", nameof(cells));
        if (rowLabels.Count != rows)
            throw new ArgumentException($"{rowLabels.Count} row labels for {rows} rows; expected one per row.", nameof(rowLabels));
        if (columnLabels.Count != columns)
            throw new ArgumentException($"{columnLabels.Count} column labels for {columns} columns; expected one per column.", nameof(columnLabels));
        if (!(scaleMax > scaleMin))
            throw new ArgumentException($"The colour scale {scaleMin}..{scaleMax} is empty; expected scaleMax > scaleMin.", nameof(scaleMax));
        Shade = shade;
        Cells = cells;
        RowLabels = rowLabels;
        ColumnLabels = columnLabels;
        ScaleLabel = scaleLabel ?? "";
        ScaleMin = scaleMin;
        ScaleMax = scaleMax;
    }

    /// <summary>The colour values, <c>[row, column]</c>.</summary>
    public double[,] Shade { get; }

    /// <summary>The cell text, <c>[row, column]</c>.</summary>
    public string[,] Cells { get; }

    /// <summary>Row labels, top to bottom.</summary>
    public IReadOnlyList<string> RowLabels { get; }

    /// <summary>Column labels, left to right.</summary>
    public IReadOnlyList<string> ColumnLabels { get; }

    /// <summary>The colour scale's caption.</summary>
    public string ScaleLabel { get; }

    /// <summary>The value drawn darkest.</summary>
    public double ScaleMin { get; }

    /// <summary>The value drawn brightest.</summary>
    public double ScaleMax { get; }

    /// <summary>Number of rows.</summary>
    public int Rows => Shade.GetLength(0);

    /// <summary>Number of columns.</summary>
    public int Columns => Shade.GetLength(1);

    /// <summary>The fill of cell (<paramref name="row"/>, <paramref name="column"/>).</summary>
    public PlotColor CellColor(int row, int column) => PlotPalette.Viridis((Shade[row, column] - ScaleMin) / (ScaleMax - ScaleMin));
}
