using MLExt.Tests.AutoML.Studies;

namespace MLExt.Tests.Cli;

/// <summary><c>mlext tune --storage</c> and <c>mlext study</c>: option rules and errors (no server), and a shared study end to end (PostgreSQL).</summary>
public sealed class SharedStudyCommandTests(CsvFixture files) : IClassFixture<CsvFixture>
{
    [Fact]
    public void StorageOptionsRulesAndAServerThatDoesNotAnswer()
    {
        string[] tune = ["tune", "--data", files.Regression, "--label", "price", "--task", "regression", "--trials", "1"];
        CliRun.Of([.. tune, "--storage", "postgresql://u@127.0.0.1:1/d"]).AssertFailure(1, "--storage needs --study-name");
        CliRun.Of([.. tune, "--study-name", "s"]).AssertFailure(1, "--study-name needs --storage");
        CliRun.Of([.. tune, "--storage", "postgresql://u@127.0.0.1:1/d", "--study-name", "s", "--study", "study.jsonl"]).AssertFailure(1, "--storage replaces --study and --resume");
        CliRun.Of([.. tune, "--storage", "studies.db", "--study-name", "s"]).AssertFailure(1, "is not a PostgreSQL address");
        var refused = CliRun.Of([.. tune, "--storage", "postgresql://u:hidden@127.0.0.1:1/d", "--study-name", "s"]);
        refused.AssertFailure(1, "--storage: study 's' in postgresql://u@127.0.0.1:1/d: the server does not answer");
        Assert.DoesNotContain("hidden", refused.Stderr);
        CliRun.Of(["study", "list", "--storage", "postgresql://u@127.0.0.1:1/d"]).AssertFailure(1, "the server does not answer");
    }

    [PostgresFact]
    public void TwoTuneRunsShareAStudyAndStudyShowAndReportReadIt()
    {
        string name = PostgresServer.UniqueStudyName("cli");
        string[] tune = ["tune", "--data", files.Regression, "--label", "price", "--task", "regression", "--tuner", "random",
            "--trainers", "sdca", "--storage", PostgresServer.Address!, "--study-name", name, "--json"];
        var first = CliRun.Of([.. tune, "--trials", "2"]);
        Assert.True(first.ExitCode == 0, first.Stderr);
        Assert.Equal(2, first.Json().GetProperty("trials").GetInt32());
        // The second run joins: --trials counts the study's trials, so it runs trials 2 and 3 only.
        var second = CliRun.Of([.. tune, "--trials", "4"]);
        Assert.True(second.ExitCode == 0, second.Stderr);
        Assert.Equal(4, second.Json().GetProperty("trials").GetInt32());
        Assert.Equal([0, 1, 2, 3], PostgresStudyTests.TrialStates(name).Keys.Order());

        var show = CliRun.Of(["study", "show", "--storage", PostgresServer.Address!, "--study-name", name, "--json"]);
        Assert.True(show.ExitCode == 0, show.Stderr);
        Assert.Equal(second.Json().GetProperty("best").GetProperty("id").GetInt32(), show.Json().GetProperty("best").GetProperty("id").GetInt32());
        using var folder = new TempFolder();
        var report = CliRun.Of(["study", "report", "--storage", PostgresServer.Address!, "--study-name", name, "--report", folder.PathOf("r")]);
        Assert.True(report.ExitCode == 0, report.Stderr);
        Assert.True(File.Exists(folder.PathOf("r/report.html")));
        var list = CliRun.Of(["study", "list", "--storage", PostgresServer.Address!]);
        Assert.Contains(name, list.Stdout + list.Stderr);
    }
}
