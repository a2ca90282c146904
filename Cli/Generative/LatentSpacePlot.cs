using MLExt.Evaluation.Plots;
using MLExt.IO;

namespace MLExt.Cli.Generative;

/// <summary>The 2-D latent means of the test digits as a scatter plot, one colour per digit.</summary>
internal static class LatentSpacePlot
{
    /// <summary>Writes the plot of <paramref name="means"/> ([n, 2]) labelled by <paramref name="labels"/> to <paramref name="path"/>.</summary>
    public static void Write(string path, float[] means, IReadOnlyList<byte> labels)
    {
        var figure = new Figure("Latent means of the test digits", "z₁", "z₂");
        for (int digit = 0; digit < 10; digit++)
        {
            var rows = Enumerable.Range(0, labels.Count).Where(i => labels[i] == digit).ToArray();
            figure.Series.Add(new PlotSeries(digit.ToString(System.Globalization.CultureInfo.InvariantCulture),
                rows.Select(i => (double)means[2 * i]).ToArray(), rows.Select(i => (double)means[2 * i + 1]).ToArray(), PlotPalette.Series(digit))
            {
                Kind = PlotSeriesKind.Points, MarkerSize = 3,
            });
        }
        AtomicFile.WriteAllBytes(path, PlotRenderer.Render(figure, "latent-space", 720, 640).Png);
    }
}
