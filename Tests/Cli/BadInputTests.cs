namespace MLExt.Tests.Cli;

public class BadInputTests(CsvFixture files) : IClassFixture<CsvFixture>
{
    private string[] Train(string task = "binary", string label = "label", string? data = null) =>
        ["train", "--data", data ?? files.Binary, "--label", label, "--task", task];

    [Fact]
    public void MissingFile() =>
        CliRun.Of(Train(data: files.Missing)).AssertFailure(1, "--data", "missing.csv", "does not exist");

    [Fact]
    public void EmptyFile() =>
        CliRun.Of(Train(data: files.Empty)).AssertFailure(1, "empty.csv", "is empty");

    [Fact]
    public void UnknownLabelColumn() =>
        CliRun.Of(Train(label: "nope")).AssertFailure(1, "--label", "'nope'", "columns: x1, x2, colour, label");

    [Fact]
    public void UnknownFeatureColumn() =>
        CliRun.Of([.. Train(), "--features", "x1,nope"]).AssertFailure(1, "--features", "'nope'");

    [Fact]
    public void NonNumericLabelForRegression() =>
        CliRun.Of(Train("regression", "y", files.TextLabel)).AssertFailure(1, "--label", "'y'", "must hold finite numbers", "'low'");

    [Fact]
    public void BinaryLabelWithThreeClasses() =>
        CliRun.Of(Train("binary", "species", files.Multiclass)).AssertFailure(1, "'species'", "exactly 2 distinct values");

    [Theory]
    [InlineData("--learning-rate", "-1", "--learning-rate must be a positive number, got -1")]
    [InlineData("--batch-size", "0", "--batch-size must be at least 1, got 0")]
    [InlineData("--dropout", "1", "--dropout must be at least 0 and below 1, got 1")]
    [InlineData("--epochs", "0", "--epochs must be at least 1, got 0")]
    [InlineData("--l2", "-0.5", "--l2 must be a number ≥ 0, got -0.5")]
    [InlineData("--test-fraction", "1", "--test-fraction must be between 0 and 1 (exclusive), got 1")]
    [InlineData("--layers", "64,x", "--layers must be a comma-separated list of positive layer sizes")]
    public void OptionOutOfRange(string option, string value, string message) =>
        CliRun.Of([.. Train(), option, value]).AssertFailure(1, message);

    [Fact]
    public void OptionsAreCheckedBeforeAnyWork() =>
        // The file does not exist either, but the option is reported first: nothing was read.
        CliRun.Of([.. Train(data: files.Missing), "--learning-rate", "-1"]).AssertFailure(1, "--learning-rate");

    [Theory]
    [InlineData("--epochs", "0", "--epochs must be at least 1, got 0")]
    [InlineData("--batch-size", "0", "--batch-size must be at least 1, got 0")]
    [InlineData("--learning-rate", "-1", "--learning-rate must be a positive number, got -1")]
    public void DemoOptionOutOfRange(string option, string value, string message) =>
        CliRun.Of(option, value).AssertFailure(1, message);

    [Fact]
    public void MissingRequiredOptionIsAUsageError() =>
        CliRun.Of("train", "--label", "label", "--task", "binary").AssertFailure(2, "--data", "mlext train --help");

    [Fact]
    public void UnknownTaskIsAUsageError() =>
        CliRun.Of(Train(task: "ranking")).AssertFailure(2, "ranking");

    [Fact]
    public void UnknownOptionIsAUsageError() =>
        CliRun.Of("--no-such-option").AssertFailure(2, "--no-such-option");

    [Fact]
    public void JsonErrorsEndWithAnErrorObject()
    {
        var run = CliRun.Of([.. Train(label: "nope"), "--json"]);
        run.AssertFailure(1, "'nope'");
        var json = run.Json();
        Assert.Contains("'nope'", json.GetProperty("error").GetString());
        Assert.Equal(1, json.GetProperty("exitCode").GetInt32());
    }
}
