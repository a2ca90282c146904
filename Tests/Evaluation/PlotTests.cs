using System.Xml.Linq;
using MLExt.Evaluation.Binary;
using MLExt.Evaluation.Plots;
using SkiaSharp;

namespace MLExt.Tests.Evaluation;

public sealed class PlotTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static XDocument ParseSvg(PlotImage image) => XDocument.Parse(image.Svg);

    private static string[] Texts(XDocument svg) => svg.Descendants(Svg + "text").Select(t => t.Value).ToArray();

    [Fact]
    public void NiceTicksAreOneTwoOrFiveTimesAPowerOfTen()
    {
        Assert.Equal(["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"], NiceTicks.Compute(-0.02, 1.02).Select(t => t.Label));
        Assert.Equal([0, 10, 20, 30], NiceTicks.Compute(-1, 37).Select(t => t.Value));
        Assert.Equal(["-0.004", "-0.003", "-0.002", "-0.001", "0.000", "0.001", "0.002"], NiceTicks.Compute(-0.0045, 0.0021).Select(t => t.Label));
        Assert.Equal([1, 2, 3], NiceTicks.Compute(1, 3, integers: true).Select(t => t.Value)); // epochs: no 1.5
    }

    [Fact]
    public void SvgIsXmlWithSeriesLegendAndEscapedText()
    {
        var roc = RocCurve.Compute([0.9, 0.8, 0.4, 0.3, 0.1], [true, false, true, false, false]);
        var figure = CurvePlots.Roc([("A<B & \"C\"", roc, true), ("pooled", roc, false)]);
        var svg = ParseSvg(PlotRenderer.Render(figure, "roc", 400, 300));
        Assert.Equal("400", svg.Root!.Attribute("width")!.Value);
        var texts = Texts(svg);
        Assert.Contains("A<B & \"C\" (AUC 0.833)", texts);
        Assert.Contains("ROC curve", texts);
        Assert.Contains("False-positive rate", texts);
        Assert.Contains("1.0", texts); // a tick label
        // Each series is drawn in the plot (one vertex per curve point) and as a legend swatch; the diagonal only in the plot.
        var lines = svg.Descendants(Svg + "polyline").ToArray();
        string Stroke(XElement line) => line.Attribute("stroke")!.Value + "/" + line.Attribute("stroke-width")!.Value;
        int Vertices(XElement line) => line.Attribute("points")!.Value.Split(' ').Length;
        Assert.Single(lines, l => Stroke(l) == PlotPalette.Series(0).Hex + "/2.5" && Vertices(l) == roc.Points.Count);
        Assert.Single(lines, l => Stroke(l) == PlotPalette.Series(0).Hex + "/2.5" && Vertices(l) == 2);
        Assert.Single(lines, l => Stroke(l) == "#000000/1" && Vertices(l) == roc.Points.Count); // pooled is black
        Assert.Single(lines, l => Stroke(l) == "#000000/1.5" && Vertices(l) == 2);
        Assert.Single(lines, l => l.Attribute("stroke-dasharray") is not null && Stroke(l) == PlotColor.Gray.Hex + "/1");
    }

    [Fact]
    public void PrecisionRecallIsAStaircase()
    {
        var pr = PrecisionRecallCurve.Compute([0.9, 0.8, 0.4, 0.3, 0.1], [true, false, true, false, false]);
        var figure = CurvePlots.PrecisionRecall([("m", pr, true)]);
        var layout = FigureLayout.Compute(figure, 640, 480);
        var line = ParseSvg(PlotRenderer.Render(figure, "pr")).Descendants(Svg + "polyline").First(l => l.Attribute("stroke-width")!.Value == "2.5");
        var points = line.Attribute("points")!.Value.Split(' ').Select(p => p.Split(',').Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray()).ToArray();
        Assert.Equal(2 * (pr.Points.Count + 1) - 1, points.Length); // each step adds a corner
        for (int i = 1; i < points.Length; i += 2)
            Assert.Equal(points[i - 1][0], points[i][0], 0.01); // vertical, then horizontal
        Assert.Equal(layout.PixelX(0), points[0][0], 0.01);
    }

    [Fact]
    public void HeatMapCellsCarryCountsAndTheirColourInBothFormats()
    {
        var figure = MatrixPlots.ConfusionMatrix(["yes", "no"], [[6, 2], [1, 9]]);
        var image = PlotRenderer.Render(figure, "confusion");
        var svg = ParseSvg(image);
        var texts = Texts(svg);
        foreach (var count in new[] { "6", "2", "1", "9", "yes", "no", "Fraction of the actual class" })
            Assert.Contains(count, texts);
        // Cell (no, no) is 9/10 of its row: the viridis colour at 0.9, with black text on that light fill.
        var fill = PlotPalette.Viridis(0.9);
        Assert.Contains(svg.Descendants(Svg + "rect"), r => r.Attribute("fill")?.Value == fill.Hex);
        Assert.Equal("#000000", svg.Descendants(Svg + "text").Single(t => t.Value == "9").Attribute("fill")!.Value);

        // The PNG paints the same layout: a pixel just inside the bottom-right cell's corner has that colour.
        var layout = FigureLayout.Compute(figure, PlotRenderer.DefaultWidth, PlotRenderer.DefaultHeight);
        using var bitmap = SKBitmap.Decode(image.Png);
        Assert.Equal((PlotRenderer.DefaultWidth, PlotRenderer.DefaultHeight), (bitmap.Width, bitmap.Height));
        var pixel = bitmap.GetPixel((int)layout.Area.Right - 4, (int)layout.Area.Bottom - 4);
        Assert.Equal((fill.R, fill.G, fill.B), (pixel.Red, pixel.Green, pixel.Blue));
        var background = bitmap.GetPixel(2, 2);
        Assert.Equal((255, 255, 255), (background.Red, background.Green, background.Blue));
    }

    [Fact]
    public void LearningCurvesFitTheDataAndDashValidation()
    {
        var curve = new MLExt.Evaluation.CrossValidation.LearningCurve([new(1, 2.0, 2.4), new(2, 1.2, 1.5), new(3, 0.7, 1.1)]);
        var figure = CurvePlots.LearningCurves([("fold 1", curve)]);
        var layout = FigureLayout.Compute(figure, 640, 480);
        Assert.True(layout.Y.Min < 0.7 && layout.Y.Max > 2.4 && layout.Y.Max < 2.6, $"{layout.Y}");
        Assert.Equal(["1", "2", "3"], layout.XTicks.Select(t => t.Label));
        var svg = ParseSvg(PlotRenderer.Render(figure, "learning"));
        Assert.Equal(2, svg.Descendants(Svg + "polyline").Count(l => l.Attribute("stroke-dasharray") is not null)); // plot and legend
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
