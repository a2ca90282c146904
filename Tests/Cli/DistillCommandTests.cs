namespace MLExt.Tests.Cli;

/// <summary><c>mlext distill</c>: a student taught by a model that <c>mlext train --save</c> wrote.</summary>
public sealed class DistillCommandTests(CsvFixture files) : IClassFixture<CsvFixture>, IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Teacher(string data, string label, string task)
    {
        string model = _folder.PathOf($"{task}-teacher.zip");
        var run = CliRun.Of("train", "--data", data, "--label", label, "--task", task, "--epochs", "30", "--layers", "16",
            "--batch-size", "16", "--save", model);
        Assert.True(run.ExitCode == 0, run.Stderr);
        return model;
    }

    [Fact]
    public void AStudentLearnsFromTheTeacherAndIsReportedBesideIt()
    {
        string teacher = Teacher(files.Multiclass, "species", "multiclass");
        var run = CliRun.Of("--json", "distill", "--data", files.Multiclass, "--label", "species", "--teacher", teacher,
            "--layers", "8", "--epochs", "30", "--batch-size", "16", "--temperature", "3", "--alpha", "0.2");
        Assert.True(run.ExitCode == 0, run.Stderr);
        var json = run.Json();
        Assert.Equal("distill", json.GetProperty("command").GetString());
        Assert.Equal(3f, json.GetProperty("temperature").GetSingle());
        double student = json.GetProperty("metrics").GetProperty("microAccuracy").GetDouble();
        double taught = json.GetProperty("teacherMetrics").GetProperty("microAccuracy").GetDouble();
        Assert.True(student > 0.6 && taught > 0.6, // 31 test rows, chance is 1/3
            $"student {student}, teacher {taught}");
    }

    [Fact]
    public void ATeacherOfOtherClassesOrBadSettingsFailWithTheOptionNamed()
    {
        string binaryTeacher = Teacher(files.Binary, "label", "binary");
        CliRun.Of("distill", "--data", files.Multiclass, "--label", "species", "--teacher", binaryTeacher, "--layers", "8")
            .AssertFailure(1, "--teacher");
        CliRun.Of("distill", "--data", files.Multiclass, "--label", "species", "--teacher", files.Multiclass, "--layers", "8")
            .AssertFailure(1, "--teacher");
        CliRun.Of("distill", "--data", files.Multiclass, "--label", "species", "--teacher", binaryTeacher, "--alpha", "1.5")
            .AssertFailure(1, "--alpha");
        CliRun.Of("distill", "--data", files.Multiclass, "--label", "species", "--teacher", binaryTeacher, "--temperature", "0")
            .AssertFailure(1, "--temperature");
    }
}
