using System.Globalization;
using MLExt.Evaluation.Plots;
using MLExt.Evaluation.Reports;
using MLExt.Neural;
using MLExt.Trainers;

namespace MLExt.Cli.Explain;

/// <summary>
/// The page <c>mlext explain</c> writes, laid out with the evaluation reports' HTML writer: global importance (mean
/// |attribution| per input column, as bars and a table), then each of the first rows: a heat map over the image for a
/// network that reads images (or a square table of pixel columns), else bars over the input columns.
/// </summary>
internal sealed class ExplanationReport
{
    private const int TableRows = 30;

    private ExplanationReport(string html, IReadOnlyList<PlotImage> plots, IReadOnlyList<ColumnRanking> ranking)
    {
        Html = html;
        Plots = plots;
        Ranking = ranking;
    }

    /// <summary>The self-contained page.</summary>
    public string Html { get; }

    /// <summary>Its figures, also written as plots/NAME.png.</summary>
    public IReadOnlyList<PlotImage> Plots { get; }

    /// <summary>The input columns, most important first.</summary>
    public IReadOnlyList<ColumnRanking> Ranking { get; }

    public static ExplanationReport Build(ExplainRequest request, SavedNetwork network, FeatureSources sources, IReadOnlyList<ExplainedRow> rows)
    {
        var ranking = Enumerable.Range(0, sources.Columns.Count)
            .Select(c => new ColumnRanking(sources.Columns[c], rows.Average(r => Math.Abs((double)r.Columns[c])), rows.Average(r => (double)r.Columns[c])))
            .OrderByDescending(r => r.MeanAbsolute).ToList();
        var plots = new List<PlotImage>();
        var sections = new List<ReportSection>
        {
            new($"Explanations: {Path.GetFileName(request.ModelPath)}", 1,
            [
                $"Model {request.ModelPath}, data {request.DataPath} ({rows.Count:N0} rows explained" +
                    (rows.Count == ExplainRequest.MaxRows ? $", the file's first {ExplainRequest.MaxRows:N0}" : "") + ").",
                $"Method: {request.Method} ({Describe(request)}). Explained output: the {network.Task} network's " +
                    (network.Task == "multiclass" ? "logit of each row's predicted class" : network.Task == "binary" ? "logit" : "output (before the label scaling)") +
                    $", from features '{network.FeatureColumnName}' {Tensor.FormatShape(network.Network.InputShape)}.",
            ], [], [], []),
        };

        var shape = ImageShape(network.Network.InputShape, sources);
        Figure global;
        if (shape is not null)
        {
            var meanAbsolute = Enumerable.Range(0, rows[0].Slots.Length).Select(i => (float)rows.Average(r => Math.Abs((double)r.Slots[i]))).ToArray();
            global = ImageHeatMap(meanAbsolute, shape, "Global importance: mean |attribution| per pixel");
        }
        else
        {
            global = new Figure("Global importance: mean |attribution| per input column", "", "mean |attribution|");
            foreach (var r in ranking) global.Bars.Add(new PlotBar(r.Column, r.MeanAbsolute, PlotPalette.Series(0)));
        }
        plots.Add(PlotRenderer.Render(global, "global-importance"));
        sections.Add(new ReportSection("Global importance", 2,
            ["Mean |attribution| over the explained rows, per input column (one-hot and normalised slots summed back to their column)."],
            [new ReportTable($"Input columns, most important first{(ranking.Count > TableRows ? $" (the first {TableRows})" : "")}",
                ["Column", "Mean |attribution|", "Mean attribution"],
                ranking.Take(TableRows).Select(r => (IReadOnlyList<string>)[r.Column, Format(r.MeanAbsolute), Format(r.Mean)]).ToList())],
            ["global-importance"], []));

        for (int i = 0; i < Math.Min(request.Rows, rows.Count); i++)
        {
            var row = rows[i];
            string name = $"row-{i + 1}";
            Figure figure;
            if (shape is not null)
                figure = ImageHeatMap(row.Slots, shape, $"Row {i + 1}: attribution per pixel (channels summed)");
            else
            {
                figure = new Figure($"Row {i + 1}: attribution per input column", "", "attribution");
                for (int c = 0; c < sources.Columns.Count; c++)
                    figure.Bars.Add(new PlotBar(sources.Columns[c], row.Columns[c], PlotPalette.Series(row.Columns[c] >= 0 ? 0 : 1)));
            }
            plots.Add(PlotRenderer.Render(figure, name));
            sections.Add(new ReportSection($"Row {i + 1}: predicted {row.Prediction}", 3,
                [$"Sum of attributions {Format(row.Slots.Sum(v => (double)v))}."], [], [name], []));
        }
        return new ExplanationReport(HtmlReportWriter.Write(sections[0].Heading, sections, plots), plots, ranking);
    }

    // [channels, height, width] when the network reads an image: a rank-3 input, or one numeric column per pixel of a
    // square (a table of pixels such as the 7 × 7 digits, 25 or more columns); null for other tables.
    private static int[]? ImageShape(int[] input, FeatureSources sources)
    {
        if (input.Length == 3) return input;
        int width = input[0], side = (int)Math.Round(Math.Sqrt(width));
        return input.Length == 1 && side >= 5 && side * side == width && sources.Columns.Count == width ? [1, side, side] : null;
    }

    // The image's attribution summed over channels, on a colour scale symmetric about 0.
    private static Figure ImageHeatMap(float[] slots, int[] shape, string title)
    {
        int channels = shape[0], height = shape[1], width = shape[2];
        var shade = new double[height, width];
        for (int c = 0; c < channels; c++)
            for (int y = 0; y < height; y++)
                for (int x = 0; x < width; x++) shade[y, x] += slots[(c * height + y) * width + x];
        double largest = Math.Max(1e-12, shade.Cast<double>().Max(Math.Abs));
        var cells = new string[height, width];
        for (int y = 0; y < height; y++) for (int x = 0; x < width; x++) cells[y, x] = "";
        return new Figure(title, "", "")
        {
            HeatMap = new HeatMap(shade, cells, Enumerable.Repeat("", height).ToArray(), Enumerable.Repeat("", width).ToArray(),
                "attribution", -largest, largest),
        };
    }

    private static string Describe(ExplainRequest request) => request.Method switch
    {
        "ig" => $"integrated gradients from a zero baseline, {request.Steps} Gauss–Legendre steps",
        "smoothgrad" => $"gradient averaged over {request.Steps} noisy copies, seed 0",
        "occlusion" => "each feature set to 0 in turn",
        "gradient-input" => "gradient × input",
        _ => "gradient",
    };

    private static string Format(double value) => value.ToString("G4", CultureInfo.InvariantCulture);
}
