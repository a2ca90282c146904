using System.Text.RegularExpressions;
using MLExt.Tests.Evaluation;
using Microsoft.ML;

namespace MLExt.Tests.Cli;

/// <summary><c>mlext explain</c> on models saved by <c>mlext train --save</c>: the report names the user's columns,
/// ranks the useless one last, and loads in a browser.</summary>
public sealed class ExplainCommandTests(CsvFixture files) : IClassFixture<CsvFixture>, IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Train(string data, string label, string task, string name)
    {
        string model = _folder.PathOf(name);
        var run = CliRun.Of("train", "--data", data, "--label", label, "--task", task, "--epochs", "30", "--layers", "16",
            "--batch-size", "16", "--save", model);
        Assert.True(run.ExitCode == 0, run.Stderr);
        return model;
    }

    [Fact]
    public void ATabularModelsReportRanksItsInputColumnsWithBars()
    {
        string model = Train(files.Binary, "label", "binary", "binary.zip");
        string report = _folder.PathOf("report");
        var run = CliRun.Of("explain", "--model", model, "--data", files.Binary, "--method", "ig", "--rows", "3", "--report", report, "--json");
        Assert.True(run.ExitCode == 0, run.Stderr);
        var importance = run.Json().GetProperty("importance").EnumerateArray()
            .Select(e => e.GetProperty("column").GetString()).ToList();
        // The label is x1 + x2 (+ 0.5 when red): all three columns matter, and the report names them, not slots.
        Assert.Equal(["colour", "x1", "x2"], importance.Order());
        string html = File.ReadAllText(Path.Combine(report, "report.html"));
        Assert.Equal(4, Regex.Matches(html, "<img ").Count);
        Assert.Contains("Global importance", html);
        Assert.True(File.Exists(Path.Combine(report, "plots", "row-3.png")));
    }

    [Theory]
    [InlineData("saliency")]
    [InlineData("occlusion")]
    public void EveryMethodRuns(string method)
    {
        string model = Train(files.Regression, "price", "regression", $"regression-{method}.zip");
        var run = CliRun.Of("explain", "--model", model, "--data", files.Regression, "--method", method, "--report", _folder.PathOf(method), "--json");
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal(3, run.Json().GetProperty("importance").GetArrayLength());
    }

    [Fact]
    public void AModelWithoutANetworkSaysPermutationImportanceStillWorks()
    {
        string model = _folder.PathOf("sdca.zip");
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(Enumerable.Range(0, 50).Select(i => new House { Size = i, Rooms = i % 4, Price = 2 * i }).ToList());
        var sdca = ml.Transforms.Concatenate("Features", "size", "rooms").Append(ml.Regression.Trainers.Sdca("Price")).Fit(data);
        ml.Model.Save(sdca, data.Schema, model);
        var run = CliRun.Of("explain", "--model", model, "--data", files.Regression, "--report", _folder.PathOf("none"));
        run.AssertFailure(1, "--model", "no MLExt neural network", "Permutation importance still works");
    }

    private sealed class House
    {
        [Microsoft.ML.Data.ColumnName("size")] public float Size { get; set; }
        [Microsoft.ML.Data.ColumnName("rooms")] public float Rooms { get; set; }
        public float Price { get; set; }
    }

    [ChromiumFact]
    public void TheReportLoadsInHeadlessChromium()
    {
        string model = Train(files.Binary, "label", "binary", "browser.zip");
        string report = _folder.PathOf("browser");
        Assert.Equal(0, CliRun.Of("explain", "--model", model, "--data", files.Binary, "--rows", "2", "--report", report).ExitCode);
        string page = Path.Combine(report, "report.html");
        const string check = "<script>window.addEventListener('load',()=>{const i=[...document.images];" +
            "const ok=i.filter(x=>x.complete&&x.naturalWidth>=600).length;" +
            "const d=document.createElement('div');d.id='mlext-check';d.textContent='decoded '+ok+' of '+i.length;document.body.appendChild(d);});</script>";
        string probe = Path.Combine(report, "probe.html");
        File.WriteAllText(probe, File.ReadAllText(page).Replace("</body>", check + "</body>", StringComparison.Ordinal));
        string dom = Chromium.Run("--virtual-time-budget=10000", "--dump-dom", new Uri(probe).AbsoluteUri);
        Assert.Contains("<div id=\"mlext-check\">decoded 3 of 3</div>", dom);
    }
}
