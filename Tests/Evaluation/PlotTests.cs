using System.Globalization;
using System.Xml.Linq;
using MLExt.Evaluation.Binary;
using MLExt.Evaluation.Plots;
using ScottPlot;
using SkiaSharp;

namespace MLExt.Tests.Evaluation;

/// <summary>Figures rendered by ScottPlot: what the SVG and PNG hold, and how a figure is translated into a ScottPlot plot.</summary>
public sealed class PlotTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private static readonly double[] Scores = [0.9, 0.8, 0.4, 0.3, 0.1];
    private static readonly bool[] Labels = [true, false, true, false, false];

    private static XDocument ParseSvg(PlotImage image) => XDocument.Parse(image.Svg);

    private static string[] Texts(XDocument svg) => svg.Descendants(Svg + "text").Select(t => t.Value.Trim()).ToArray();

    /// <summary>The vertices of an SVG path made of M and L commands.</summary>
    private static double[][] Vertices(XElement path) =>
        path.Attribute("d")!.Value.Split(['M', 'L'], StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Trim().Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();

    private static IEnumerable<XElement> Strokes(XDocument svg, PlotColor color, string width) =>
        svg.Descendants(Svg + "path").Where(p => SameColor(p.Attribute("stroke")?.Value, color) && p.Attribute("stroke-width")?.Value == width);

    // Skia's SVG writer names the colours that have a CSS name (black, gray, …) and writes the others as #RRGGBB.
    private static bool SameColor(string? svg, PlotColor color) => svg is not null &&
        (string.Equals(svg, color.Hex, StringComparison.OrdinalIgnoreCase) || (svg, color.Hex) is ("black", "#000000") or ("gray", "#808080"));

    [Fact]
    public void SvgHasTheTitlesTheSeriesAndTheEscapedLegend()
    {
        var roc = RocCurve.Compute(Scores, Labels);
        var figure = CurvePlots.Roc([("A<B & \"C\"", roc, true), ("pooled", roc, false)]);
        var svg = ParseSvg(PlotRenderer.Render(figure, "roc", 400, 300));
        Assert.Equal(("400", "300"), (svg.Root!.Attribute("width")!.Value, svg.Root.Attribute("height")!.Value));
        var texts = Texts(svg);
        foreach (var text in new[] { "A<B & \"C\" (AUC 0.833)", "pooled (AUC 0.833)", "ROC curve", "False-positive rate", "True-positive rate", "0.5" })
            Assert.Contains(text, texts);
        // Each curve is drawn with one vertex per curve point, emphasised 2.5 px wide in the first series colour,
        // the pooled one 1 px in black; each also has a two-vertex legend swatch.
        Assert.Contains(Strokes(svg, PlotPalette.Series(0), "2.5"), p => Vertices(p).Length == roc.Points.Count);
        Assert.Contains(Strokes(svg, PlotPalette.Series(0), "2.5"), p => Vertices(p).Length == 2);
        Assert.Contains(Strokes(svg, PlotColor.Black, "1"), p => Vertices(p).Length == roc.Points.Count);
    }

    [Fact]
    public void PrecisionRecallIsAStaircase()
    {
        var pr = PrecisionRecallCurve.Compute(Scores, Labels);
        var figure = CurvePlots.PrecisionRecall([("m", pr, true)]);
        var line = Strokes(ParseSvg(PlotRenderer.Render(figure, "pr")), PlotPalette.Series(0), "2.5").MaxBy(p => Vertices(p).Length)!;
        var points = Vertices(line);
        Assert.Equal(2 * (pr.Points.Count + 1) - 1, points.Length); // each step adds a corner
        for (int i = 1; i < points.Length; i += 2)
        {
            Assert.Equal(points[i - 1][0], points[i][0], 0.01); // vertical, then horizontal
            Assert.Equal(points[i][1], points[i + 1][1], 0.01);
        }
    }

    [Fact]
    public void PngIsOfTheRequestedSizeAndPaintsHeatMapCellsInTheirColour()
    {
        var figure = MatrixPlots.ConfusionMatrix(["yes", "no"], [[6, 2], [1, 9]]);
        var image = PlotRenderer.Render(figure, "confusion", 500, 400);
        var texts = Texts(ParseSvg(image));
        foreach (var text in new[] { "6", "2", "1", "9", "yes", "no", "Fraction of the actual class", "Confusion matrix", "Predicted class" })
            Assert.Contains(text, texts);

        using var bitmap = SKBitmap.Decode(image.Png);
        Assert.Equal((500, 400), (bitmap.Width, bitmap.Height));
        var background = bitmap.GetPixel(2, 2);
        Assert.Equal((255, 255, 255), (background.Red, background.Green, background.Blue));
        // Cell (no, no) is 9/10 of its row and (yes, no) 2/8: each covers a block of its viridis colour.
        foreach (double fraction in new[] { 0.9, 0.25 })
        {
            var fill = PlotPalette.Viridis(fraction);
            int count = 0;
            for (int y = 0; y < bitmap.Height; y++)
                for (int x = 0; x < bitmap.Width; x++)
                {
                    var pixel = bitmap.GetPixel(x, y);
                    if ((pixel.Red, pixel.Green, pixel.Blue) == (fill.R, fill.G, fill.B)) count++;
                }
            Assert.True(count > 5_000, $"{count} pixels of {fill.Hex} (fraction {fraction}); a cell is about 200×160.");
        }
        // Black text on the light cell, white on the dark one.
        Assert.Equal(Colors.Black, HeatMapText(figure, "9").LabelFontColor);
        Assert.Equal(Colors.White, HeatMapText(figure, "2").LabelFontColor);
    }

    private static ScottPlot.Plottables.Text HeatMapText(Figure figure, string label) =>
        ScottPlotFigure.Build(figure).GetPlottables<ScottPlot.Plottables.Text>().Single(t => t.LabelText == label);

    [Fact]
    public void LearningCurvesFitTheDataOnIntegerEpochsAndDashValidation()
    {
        var curve = new MLExt.Evaluation.CrossValidation.LearningCurve([new(1, 2.0, 2.4), new(2, 1.2, 1.5), new(3, 0.7, 1.1)]);
        var figure = CurvePlots.LearningCurves([("fold 1", curve)]);
        var plot = ScottPlotFigure.Build(figure);
        var limits = plot.Axes.GetLimits();
        Assert.True(limits.Bottom < 0.7 && limits.Top > 2.4 && limits.Top < 2.6, $"{limits}");
        var lines = plot.GetPlottables<ScottPlot.Plottables.Scatter>().ToArray();
        Assert.Equal(["fold 1 training", "fold 1 validation"], lines.Select(l => l.LegendText));
        Assert.Equal([LinePattern.Solid, LinePattern.Dashed], lines.Select(l => l.LinePattern));
        plot.GetImageBytes(640, 480, ImageFormat.Png); // ticks are generated when the plot is laid out
        Assert.Equal(["1", "2", "3"], plot.Axes.Bottom.TickGenerator.Ticks.Where(t => t.IsMajor).Select(t => t.Label));
    }

    [Fact]
    public void NonFinitePointsBreakTheLineAndBarsCarryTheirInterval()
    {
        var figure = new Figure("t", "x", "y");
        figure.Series.Add(new PlotSeries("s", [0, 1, 2, 3, 4], [1, 2, double.NaN, 2, 1], PlotColor.Black));
        figure.Bars.Add(new PlotBar("m", 0.8, PlotColor.Black, 0.7, 0.95));
        var plot = ScottPlotFigure.Build(figure);
        var runs = plot.GetPlottables<ScottPlot.Plottables.Scatter>().ToArray();
        Assert.Equal([2, 2], runs.Select(r => r.Data.GetScatterPoints().Count));
        Assert.Equal(["s", ""], runs.Select(r => r.LegendText));
        var error = plot.GetPlottables<ScottPlot.Plottables.ErrorBar>().Single();
        Assert.Equal(0.15, error.YErrorPositive![0], 1e-12);
        Assert.Equal(0.1, error.YErrorNegative![0], 1e-12);
    }

    [Fact]
    public void BadFigureInputIsRejectedWithItsName()
    {
        var error = Assert.Throws<ArgumentException>(() => new PlotSeries("train", [1, 2], [1], PlotColor.Black));
        Assert.Contains("'train'", error.Message);
        Assert.Throws<ArgumentException>(() => MatrixPlots.ConfusionMatrix(["a", "b"], [[1, 2]]));
        Assert.Throws<ArgumentOutOfRangeException>(() => PlotRenderer.Render(new Figure("t", "x", "y"), "t", 0, 10));
    }
}
