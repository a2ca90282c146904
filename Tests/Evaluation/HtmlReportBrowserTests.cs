using System.Text.RegularExpressions;
using MLExt.Evaluation.Reports;
using Microsoft.ML;

namespace MLExt.Tests.Evaluation;

/// <summary>The HTML report in a real browser: every embedded figure decodes, and the page renders.</summary>
public sealed class HtmlReportBrowserTests
{
    /// <summary>Where the screenshot is kept for a person to look at (artifacts/ at the repository root, else the temp folder).</summary>
    private static string ArtifactDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "MLExt.sln")))
                return Directory.CreateDirectory(Path.Combine(dir.FullName, "artifacts", "report-browser")).FullName;
        return Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "mlext-report-browser")).FullName;
    }

    [ChromiumFact]
    public void EveryFigureLoadsInHeadlessChromium()
    {
        string directory = ArtifactDirectory();
        var report = ReportTests.BinaryComparison(new MLContext(seed: 1));
        ReportWriter.WriteAll(report, directory);
        string page = Path.Combine(directory, "report.html");
        string html = File.ReadAllText(page);
        int figures = Regex.Matches(html, "<img ").Count;
        Assert.Equal(6, figures);

        // A copy of the page with a check that runs after load: how many images decoded to a non-empty bitmap.
        const string check = "<script>window.addEventListener('load',()=>{const i=[...document.images];" +
            "const ok=i.filter(x=>x.complete&&x.naturalWidth>=600&&x.naturalHeight>=400).length;" +
            "const d=document.createElement('div');d.id='mlext-check';d.textContent='decoded '+ok+' of '+i.length;document.body.appendChild(d);});</script>";
        string probe = Path.Combine(directory, "probe.html");
        File.WriteAllText(probe, html.Replace("</body>", check + "</body>", StringComparison.Ordinal));
        string dom = Chromium.Run("--virtual-time-budget=10000", "--dump-dom", new Uri(probe).AbsoluteUri);
        Assert.Contains($"<div id=\"mlext-check\">decoded {figures} of {figures}</div>", dom);

        string screenshot = Path.Combine(directory, "report.png");
        File.Delete(screenshot);
        Chromium.Run("--window-size=1280,4000", $"--screenshot={screenshot}", new Uri(page).AbsoluteUri);
        Assert.True(new FileInfo(screenshot).Length > 50_000, "The screenshot is nearly empty.");
    }
}
