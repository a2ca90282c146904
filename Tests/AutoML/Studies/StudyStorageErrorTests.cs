using MLExt.AutoML;
using MLExt.Evaluation;

namespace MLExt.Tests.AutoML.Studies;

/// <summary>Bad storage addresses and unreachable servers: one clear line naming the storage without its password. No server needed.</summary>
public sealed class StudyStorageErrorTests
{
    [Fact]
    public void AnAddressThatDoesNotParseSaysHowToWriteOneWithoutThePassword()
    {
        var e = Assert.Throws<StudyStorageException>(() => new PostgresStudyStorage("postgresql://ann:secret@db.example:5432/", "s"));
        Assert.Contains("does not parse", e.Message);
        Assert.Contains("postgresql://ann:***@db.example:5432/", e.Message);
        Assert.DoesNotContain("secret", e.Message);
    }

    [Fact]
    public void AServerThatDoesNotAnswerIsNamedWithoutThePassword()
    {
        // Port 1 on the loopback: nothing listens there, so the connection is refused at once.
        using var storage = new PostgresStudyStorage("postgresql://ann:secret@127.0.0.1:1/studies", "s");
        var options = new ExperimentOptions { Task = EvaluationTask.Regression, MaxTrials = 1, Storage = storage };
        var e = Assert.Throws<StudyStorageException>(() => new Experiment(options).Search(new BraninTrialRunner(1), BraninTrialRunner.Space));
        Assert.StartsWith("study 's' in postgresql://ann@127.0.0.1:1/studies: the server does not answer", e.Message);
        Assert.DoesNotContain("secret", e.Message);
    }

    [Fact]
    public void KeyValueConnectionStringsAreRecognisedAndRedacted()
    {
        using var storage = new PostgresStudyStorage("Host=h;Port=6000;Database=d;Username=u;Password=p", "s");
        Assert.Equal("study 's' in postgresql://u@h:6000/d", storage.Description);
    }

    [Fact]
    public void OptionsRefuseAStudyPathAndAStorageTogether()
    {
        using var storage = new PostgresStudyStorage("postgresql://u@127.0.0.1:1/d", "s");
        var options = new ExperimentOptions { StudyPath = "study.jsonl", Storage = storage };
        Assert.Equal("Storage", Assert.Throws<ArgumentException>(options.Validate).ParamName);
    }
}
