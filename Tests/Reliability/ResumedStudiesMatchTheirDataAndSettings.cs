using MLExt.AutoML;
using MLExt.Evaluation;
using MLExt.Tests.Cli;

namespace MLExt.Tests.Reliability;

/// <summary>
/// Promise: <c>tune --resume</c> continues a study only on the data and settings it was started with. The study's header stores a
/// fingerprint of the data (file, rows, label, features, content hash) and how trials are scored; a mismatch is refused, naming
/// the first thing that changed.
/// </summary>
public class ResumedStudiesMatchTheirDataAndSettings(CsvFixture files) : IClassFixture<CsvFixture>
{
    private static readonly StudyHeader Started = new(EvaluationTask.BinaryClassification, ExperimentMetric.Auc, "tpe", 1, 1, 20, "space",
        "5-fold", "file=a.csv; rows=200; label=y; features=x1,x2; content sha256=0123456789abcdef");

    [Theory]
    [InlineData("file=b.csv; rows=200; label=y; features=x1,x2; content sha256=0123456789abcdef", "data file=a.csv in the study, file=b.csv now")]
    [InlineData("file=a.csv; rows=150; label=y; features=x1,x2; content sha256=0123456789abcdef", "data rows=200 in the study, rows=150 now")]
    [InlineData("file=a.csv; rows=200; label=y; features=x1; content sha256=0123456789abcdef", "data features=x1,x2 in the study, features=x1 now")]
    [InlineData("file=a.csv; rows=200; label=y; features=x1,x2; content sha256=fedcba9876543210", "content sha256=0123456789abcdef in the study")]
    public void ADifferentDataSetIsNamed(string now, string expected) =>
        Assert.Contains(expected, Started.Difference(Started with { Data = now }));

    [Fact]
    public void ADifferentScoringIsNamed() =>
        Assert.Equal("trials scored by 5-fold in the study, hold-out 0.2 now", Started.Difference(Started with { Evaluation = "hold-out 0.2" }));

    [Fact]
    public void TheSameStudyResumes() => Assert.Null(Started.Difference(Started with { }));

    [Fact]
    public void TheCliRefusesToResumeOnOtherData()
    {
        using var folder = new TempFolder();
        string study = folder.PathOf("study.jsonl");
        string[] Tune(string data, params string[] more) =>
            ["tune", "--data", data, "--label", "label", "--task", "binary", "--trainers", "sdca", "--study", study, .. more];
        CliRun.Of([.. Tune(files.Binary), "--trials", "1"]).AssertSuccess();
        Assert.Contains("\"data\":\"file=binary.csv; rows=150; label=label; features=x1,x2,colour; content sha256=", File.ReadLines(study).First());
        string fewer = folder.Write("binary.csv", string.Join('\n', File.ReadLines(files.Binary).Take(120)) + "\n");

        CliRun.Of([.. Tune(fewer, "--trials", "2", "--resume")]).AssertFailure(1, "--study", "data rows=150 in the study, rows=119 now");
        CliRun.Of([.. Tune(files.Binary, "--trials", "2", "--resume", "--folds", "3")]).AssertFailure(1, "--study", "trials scored by hold-out 0.2 in the study, 3-fold now");
        CliRun.Of([.. Tune(files.Binary, "--trials", "2", "--resume")]).AssertSuccess();
    }
}
