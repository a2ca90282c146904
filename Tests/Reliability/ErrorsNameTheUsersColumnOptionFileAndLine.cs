using System.Reflection;
using MLExt.Cli.Commands;
using MLExt.Tests.Cli;

namespace MLExt.Tests.Reliability;

/// <summary>
/// Promise: an error names what the user wrote — the column, the option, the file and its line — and never a .NET exception's
/// type name, an internal column (<c>Features</c>, <c>Label</c>), an options property or a 0-based row.
/// </summary>
public class ErrorsNameTheUsersColumnOptionFileAndLine(CsvFixture files) : IClassFixture<CsvFixture>
{
    [Fact]
    public void ColumnsThatDifferOnlyInCaseAreNamedNotConfused()
    {
        using var folder = new TempFolder();
        string data = folder.Write("case.csv", "x,LABEL,label\n" + string.Concat(Enumerable.Range(0, 30).Select(i => $"{i},{(i % 2 == 0 ? "a" : "b")},{(i % 3 == 0 ? "y" : "n")}\n")));

        var exact = CliRun.Of("train", "--data", data, "--label", "label", "--task", "binary", "--epochs", "1");
        exact.AssertSuccess();

        var run = CliRun.Of("train", "--data", data, "--label", "Label", "--task", "binary", "--epochs", "1");
        run.AssertFailure(1, "case.csv: no column is named exactly 'Label'", "'LABEL' and 'label' differ from it only in case");
        run.AssertNoExceptionName();
    }

    [Fact]
    public void AValidationSplitOfTooFewRowsNamesTheOptions()
    {
        using var folder = new TempFolder();
        string data = folder.Write("few.csv", "x,label\n1,a\n2,b\n3,a\n4,b\n5,a\n6,b\n7,a\n8,b\n9,a\n10,b\n11,a\n12,b\n");
        // With seed 1, TrainTestSplit keeps one of the 12 rows for training: too few to hold some out for validation.
        var run = CliRun.Of("train", "--data", data, "--label", "label", "--task", "binary", "--epochs", "1", "--test-fraction", "0.87");
        run.AssertFailure(1, "--test-fraction 0.87 leaves 1 training row of 12; --validation-fraction 0.1 needs at least 2");
        Assert.DoesNotContain("ValidationFraction", run.Stderr);
        run.AssertNoExceptionName();
    }

    [Theory]
    [InlineData("0", "--image-size must be at least 4, got 0")]
    [InlineData("2", "--image-size must be at least 4, got 2")]
    public void OneRulePerOptionAndTheHelpSaysIt(string size, string message)
    {
        CliRun.Of("images", "--folder", "nowhere", "--image-size", size).AssertFailure(1, message);
        Assert.Contains("(≥ 4)", CliRun.Of("images", "--help").Stdout);
    }

    [Fact]
    public void ADamagedModelZipIsNamedAsSuch()
    {
        using var folder = new TempFolder();
        string model = folder.PathOf("model.zip");
        CliRun.Of("train", "--data", files.Binary, "--label", "label", "--task", "binary", "--epochs", "1", "--save", model).AssertSuccess();
        string data = folder.Write("score.csv", "x1,x2,colour\n0.1,0.2,red\n");
        var bytes = File.ReadAllBytes(model);
        // Flip one byte at a time at a few places; each damaged zip is refused by --model, never by an exception's name.
        foreach (int at in new[] { bytes.Length / 4, bytes.Length / 2, bytes.Length - 30 })
        {
            var damaged = (byte[])bytes.Clone();
            damaged[at] ^= 0xFF;
            string path = folder.PathOf($"damaged-{at}.zip");
            File.WriteAllBytes(path, damaged);
            var run = CliRun.Of("predict", "--model", path, "--data", data);
            if (run.ExitCode == 0)
                continue; // a byte that nothing reads (zip padding, a comment) changes nothing
            run.AssertFailure(1, "--model");
            run.AssertNoExceptionName();
        }
    }

    [Fact]
    public void ChecksBeforeTheWorkNameTheOptions()
    {
        using var folder = new TempFolder();
        string three = folder.Write("three.csv", "x,label\n1,a\n2,b\n3,a\n");
        var runs = new (CliRun Run, string Message)[]
        {
            (CliRun.Of("train", "--data", folder.PathOf(""), "--label", "label", "--task", "binary"), "is a folder; name a file"),
            (CliRun.Of("cv", "--data", three, "--label", "label", "--task", "binary", "--folds", "5", "--report", folder.PathOf("r")),
                "--folds 5: " + three + " has 3 row(s), so a fold would be empty; use at most 3 folds"),
            (CliRun.Of("tune", "--data", three, "--label", "label", "--task", "binary", "--folds", "5"), "--folds 5: "),
            (CliRun.Of("tune", "--data", files.Binary, "--label", "label", "--task", "binary", "--validation-fraction", "0.999"),
                "--validation-fraction 0.999 of " + files.Binary + "'s 150 row(s) leaves no training row"),
            (CliRun.Of("tune", "--data", files.Binary, "--label", "label", "--task", "binary", "--trainers", "lbfgs-poisson"),
                "--trainers: Unknown trainer 'lbfgs-poisson' for binary"),
        };
        foreach (var (run, message) in runs)
        {
            run.AssertFailure(1, message);
            run.AssertNoExceptionName();
        }
    }

    [Fact]
    public void AnUnforeseenFailureShowsItsCauseWithoutItsTypeName()
    {
        var wrapped = new TargetInvocationException(new AggregateException(new InvalidOperationException("the cause")));
        Assert.Equal("the cause", CommandContext.Innermost(wrapped).Message);
    }
}
