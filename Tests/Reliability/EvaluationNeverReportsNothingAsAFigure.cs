using MLExt.Tests.Cli;

namespace MLExt.Tests.Reliability;

/// <summary>
/// Promise: <c>mlext evaluate</c> never turns unusable predictions into figures. A prediction or probability column with no finite
/// number is an error naming the option, the column and the row count; rows left out are counted and located; multiclass
/// probabilities that do not sum to 1 are warned about, as the binary path warns about probabilities outside [0, 1].
/// </summary>
public class EvaluationNeverReportsNothingAsAFigure
{
    [Fact]
    public void AScoreColumnWithNoNumberIsAnError()
    {
        using var folder = new TempFolder();
        string data = folder.Write("s.csv", "y,s,p\nyes,NaN,NaN\nno,NaN,NaN\nyes,,\n");

        var run = CliRun.Of("evaluate", "--data", data, "--label", "y", "--score", "s", "--probability", "p", "--report", folder.PathOf("r"));

        run.AssertFailure(1, "--score: column 's' holds no finite number on any of the 3 row(s)", "line 2");
        Assert.False(Directory.Exists(folder.PathOf("r")));
    }

    [Fact]
    public void AProbabilityColumnWithNoNumberIsAnError()
    {
        using var folder = new TempFolder();
        string data = folder.Write("p.csv", "y,s,p\nyes,0.9,NaN\nno,0.2,NaN\nyes,0.7,\nno,0.1,NA\n");

        CliRun.Of("evaluate", "--data", data, "--label", "y", "--score", "s", "--probability", "p", "--report", folder.PathOf("r"))
            .AssertFailure(1, "--probability: column 'p' holds no finite number on any of the 4 row(s)");
    }

    [Fact]
    public void RowsLeftOutAreCountedAndLocated()
    {
        using var folder = new TempFolder();
        string data = folder.Write("p.csv", "y,s,p\nyes,0.9,NaN\nno,0.2,NaN\nyes,0.7,0.6\nno,0.1,0.3\nyes,0.8,0.9\nno,0.3,0.2\n");

        var run = CliRun.Of("evaluate", "--data", data, "--label", "y", "--score", "s", "--probability", "p", "--report", folder.PathOf("r"), "--json");

        run.AssertSuccess();
        var json = run.Json();
        Assert.Contains(json.GetProperty("warnings").EnumerateArray(), w =>
            w.GetString() == "2 row(s) with a missing or non-finite value in --probability column 'p' were left out (first on line 2).");
        Assert.True(json.GetProperty("metrics").GetProperty("LogLossBits").GetProperty("value").GetDouble() > 0);
    }

    [Fact]
    public void MulticlassProbabilitiesThatDoNotSumToOneAreWarned()
    {
        using var folder = new TempFolder();
        string data = folder.Write("m.csv", "y,a,b,c\na,0.5,0.2,0.1\nb,0.1,0.8,0.1\nc,0.2,0.2,0.5\n");

        var run = CliRun.Of("evaluate", "--data", data, "--label", "y", "--score", "a,b,c", "--report", folder.PathOf("r"));

        run.AssertSuccess();
        Assert.Contains("do not sum to 1 on 2 of 3 row(s) (first on line 2: 0.8)", run.Stdout);
    }

    [Fact]
    public void ANonFiniteThresholdIsRefusedByItsOptionName()
    {
        using var folder = new TempFolder();
        string data = folder.Write("s.csv", "y,s\nyes,0.9\nno,0.2\n");

        CliRun.Of("evaluate", "--data", data, "--label", "y", "--score", "s", "--threshold", "NaN", "--report", folder.PathOf("r"))
            .AssertFailure(1, "--threshold must be a finite number, got NaN");
    }
}
