namespace MLExt.Evaluation.Plots;

/// <summary>Paints a laid-out figure onto any <see cref="IPlotCanvas"/>: the one drawing routine behind PNG and SVG.</summary>
internal static class FigurePainter
{
    public static void Paint(FigureLayout layout, IPlotCanvas canvas)
    {
        var figure = layout.Figure;
        var area = layout.Area;
        canvas.FillRect(new PlotRect(0, 0, layout.Width, layout.Height), PlotColor.White);
        if (figure.HeatMap is { } map)
            PaintHeatMap(layout, map, canvas);
        if (layout.Grid)
            PaintGrid(layout, canvas);
        canvas.BeginClip(area);
        PaintBars(layout, canvas);
        PaintReference(layout, canvas);
        foreach (var series in figure.Series)
            PaintSeries(layout, series, canvas);
        canvas.EndClip();
        canvas.StrokeRect(area, PlotColor.Black, 1);
        PaintAxes(layout, canvas);
        PaintLegend(layout, canvas);
        PaintColorBar(layout, canvas);
    }

    private static void PaintGrid(FigureLayout layout, IPlotCanvas canvas)
    {
        var area = layout.Area;
        foreach (var tick in layout.YTicks)
            canvas.Polyline([(area.Left, layout.PixelY(tick.Value)), (area.Right, layout.PixelY(tick.Value))], PlotColor.LightGray, 1, false);
        if (layout.Figure.Bars.Count > 0)
            return; // categories on x: no vertical grid
        foreach (var tick in layout.XTicks)
            canvas.Polyline([(layout.PixelX(tick.Value), area.Top), (layout.PixelX(tick.Value), area.Bottom)], PlotColor.LightGray, 1, false);
    }

    private static void PaintHeatMap(FigureLayout layout, HeatMap map, IPlotCanvas canvas)
    {
        float size = map.Rows > 12 || map.Columns > 12 ? 9 : 14;
        for (int r = 0; r < map.Rows; r++)
        {
            double y = map.Rows - 1 - r;
            for (int c = 0; c < map.Columns; c++)
            {
                var cell = new PlotRect(layout.PixelX(c - 0.5), layout.PixelY(y + 0.5), layout.PixelX(c + 0.5), layout.PixelY(y - 0.5));
                var fill = map.CellColor(r, c);
                canvas.FillRect(cell, fill);
                canvas.Text(map.Cells[r, c], cell.CenterX, cell.CenterY, size, fill.Luminance > 0.5 ? PlotColor.Black : PlotColor.White, TextAnchor.Middle);
            }
        }
    }

    private static void PaintBars(FigureLayout layout, IPlotCanvas canvas)
    {
        double baseline = layout.PixelY(Math.Clamp(0, layout.Y.Min, layout.Y.Max));
        for (int i = 0; i < layout.Figure.Bars.Count; i++)
        {
            var bar = layout.Figure.Bars[i];
            double left = layout.PixelX(i - 0.35), right = layout.PixelX(i + 0.35), center = layout.PixelX(i);
            if (double.IsFinite(bar.Value))
            {
                double top = layout.PixelY(bar.Value);
                canvas.FillRect(new PlotRect(left, Math.Min(top, baseline), right, Math.Max(top, baseline)), bar.Color);
            }
            if (double.IsFinite(bar.ErrorLow) && double.IsFinite(bar.ErrorHigh))
            {
                double low = layout.PixelY(bar.ErrorLow), high = layout.PixelY(bar.ErrorHigh), cap = (right - left) / 4;
                canvas.Polyline([(center, low), (center, high)], PlotColor.Black, 1.5f, false);
                canvas.Polyline([(center - cap, low), (center + cap, low)], PlotColor.Black, 1.5f, false);
                canvas.Polyline([(center - cap, high), (center + cap, high)], PlotColor.Black, 1.5f, false);
            }
        }
    }

    private static void PaintReference(FigureLayout layout, IPlotCanvas canvas)
    {
        var (x, y) = (layout.X, layout.Y);
        (double X, double Y)[]? line = layout.Figure.Reference switch
        {
            ReferenceLine.Diagonal => [(layout.PixelX(Math.Min(x.Min, y.Min)), layout.PixelY(Math.Min(x.Min, y.Min))),
                (layout.PixelX(Math.Max(x.Max, y.Max)), layout.PixelY(Math.Max(x.Max, y.Max)))],
            ReferenceLine.Zero => [(layout.PixelX(x.Min), layout.PixelY(0)), (layout.PixelX(x.Max), layout.PixelY(0))],
            _ => null,
        };
        if (line is not null)
            canvas.Polyline(line, PlotColor.Gray, 1, true);
    }

    private static void PaintSeries(FigureLayout layout, PlotSeries series, IPlotCanvas canvas)
    {
        var points = new List<(double X, double Y)>();
        void Flush()
        {
            if (points.Count > 1 && series.Kind != PlotSeriesKind.Points)
                canvas.Polyline(points.ToArray(), series.Color, series.LineWidth, series.Dashed);
            points.Clear();
        }
        for (int i = 0; i < series.X.Count; i++)
        {
            if (!double.IsFinite(series.X[i]) || !double.IsFinite(series.Y[i]))
            {
                Flush();
                continue;
            }
            var point = (layout.PixelX(series.X[i]), layout.PixelY(series.Y[i]));
            if (series.Kind == PlotSeriesKind.Step && points.Count > 0)
                points.Add((points[^1].X, point.Item2));
            points.Add(point);
        }
        Flush();
        double radius = MarkerRadius(series);
        if (radius > 0)
            for (int i = 0; i < series.X.Count; i++)
                if (double.IsFinite(series.X[i]) && double.IsFinite(series.Y[i]))
                    canvas.FillCircle(layout.PixelX(series.X[i]), layout.PixelY(series.Y[i]), radius, series.Color);
    }

    private static double MarkerRadius(PlotSeries series) =>
        (series.MarkerSize > 0 ? series.MarkerSize : series.Kind == PlotSeriesKind.Points ? 4 : 0) / 2.0;

    private static void PaintAxes(FigureLayout layout, IPlotCanvas canvas)
    {
        var area = layout.Area;
        foreach (var tick in layout.XTicks)
        {
            double x = layout.PixelX(tick.Value);
            canvas.Polyline([(x, area.Bottom), (x, area.Bottom + FigureLayout.TickLength)], PlotColor.Black, 1, false);
            canvas.Text(tick.Label, x, layout.XTickLabelY, FigureLayout.TickSize, PlotColor.Black, TextAnchor.Middle);
        }
        foreach (var tick in layout.YTicks)
        {
            double y = layout.PixelY(tick.Value);
            canvas.Polyline([(area.Left - FigureLayout.TickLength, y), (area.Left, y)], PlotColor.Black, 1, false);
            canvas.Text(tick.Label, layout.YTickLabelX, y, FigureLayout.TickSize, PlotColor.Black, TextAnchor.End);
        }
        var figure = layout.Figure;
        canvas.Text(figure.XLabel, area.CenterX, layout.XLabelY, FigureLayout.LabelSize, PlotColor.Black, TextAnchor.Middle);
        canvas.Text(figure.YLabel, layout.YLabelX, area.CenterY, FigureLayout.LabelSize, PlotColor.Black, TextAnchor.Middle, vertical: true);
        canvas.Text(figure.Title, area.CenterX, layout.TitleY, FigureLayout.TitleSize, PlotColor.Black, TextAnchor.Middle, bold: true);
    }

    private static void PaintLegend(FigureLayout layout, IPlotCanvas canvas)
    {
        if (layout.Legend is not { } box)
            return;
        canvas.FillRect(box, PlotColor.White);
        canvas.StrokeRect(box, PlotColor.Gray, 1);
        double swatchLeft = box.Left + FigureLayout.Gap * 2, swatchRight = swatchLeft + FigureLayout.LegendSwatch;
        for (int i = 0; i < layout.LegendEntries.Count; i++)
        {
            var series = layout.LegendEntries[i];
            double y = box.Top + FigureLayout.Gap + (i + 0.5) * FigureLayout.LegendRow;
            if (series.Kind != PlotSeriesKind.Points)
                canvas.Polyline([(swatchLeft, y), (swatchRight, y)], series.Color, Math.Max(series.LineWidth, 1.5f), series.Dashed);
            double radius = MarkerRadius(series);
            if (radius > 0)
                canvas.FillCircle((swatchLeft + swatchRight) / 2, y, radius, series.Color);
            canvas.Text(series.Label, swatchRight + FigureLayout.Gap * 2, y, FigureLayout.LegendSize, PlotColor.Black, TextAnchor.Start);
        }
    }

    private static void PaintColorBar(FigureLayout layout, IPlotCanvas canvas)
    {
        if (layout.ColorBar is not { } bar || layout.Figure.HeatMap is not { } map)
            return;
        const int slices = 128;
        for (int i = 0; i < slices; i++)
            canvas.FillRect(new PlotRect(bar.Left, bar.Bottom - (i + 1) * bar.Height / slices, bar.Right, bar.Bottom - i * bar.Height / slices),
                PlotPalette.Viridis((i + 0.5) / slices));
        canvas.StrokeRect(bar, PlotColor.Black, 1);
        foreach (var tick in layout.ColorBarTicks)
        {
            double y = layout.ColorBarY(tick.Value);
            canvas.Polyline([(bar.Right, y), (bar.Right + FigureLayout.TickLength, y)], PlotColor.Black, 1, false);
            canvas.Text(tick.Label, bar.Right + FigureLayout.TickLength + FigureLayout.Gap, y, FigureLayout.TickSize, PlotColor.Black, TextAnchor.Start);
        }
        canvas.Text(map.ScaleLabel, layout.ColorBarLabelX, bar.CenterY, FigureLayout.LabelSize, PlotColor.Black, TextAnchor.Middle, vertical: true);
    }
}
