using System.Text;
using System.Text.Json;
using MLExt.Data;

namespace MLExt.Tests.Cli;

/// <summary><c>mlext spam</c> on a small subset, and <c>train</c>/<c>cv</c> with <c>--text</c> on a file of mails.</summary>
public sealed class TextCommandTests : IDisposable
{
    private static readonly string[] Tiny = ["--epochs", "1", "--max-length", "24", "--vocabulary", "300", "--embedding", "8", "--batch-size", "16"];
    private readonly TempFolder _folder = new();
    private readonly string _mails;

    public TextCommandTests()
    {
        // 160 mails of the shipped corpus (stratified), as a user's TSV file with a text and a label column.
        var mails = SpamMails.Subset(SpamMails.Load().Train, 0.035, 4);
        var file = new StringBuilder("text\tlabel\n");
        foreach (var mail in mails) file.Append(mail.Text.Replace('"', '\'')).Append('\t').Append(mail.Label ? "spam" : "ham").Append('\n');
        _mails = _folder.Write("mails.tsv", file.ToString());
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void SpamComparesTheBagOfWordsBaselineWithTheSequenceNetworks()
    {
        var run = CliRun.Of(["spam", "--subset", "0.04", "--models", "bow,lstm,transformer", "--json", .. Tiny]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        var json = run.Json();
        Assert.Equal("spam", json.GetProperty("command").GetString());
        var models = json.GetProperty("models").EnumerateArray().ToList();
        Assert.Equal(["ML.NET FeaturizeText + SdcaLogisticRegression", "MLExt LSTM", "MLExt Transformer"], models.Select(m => m.GetProperty("model").GetString()));
        foreach (var model in models)
            foreach (string metric in new[] { "precision", "recall", "f1", "auc", "accuracy" })
                Assert.InRange(model.GetProperty(metric).GetDouble(), 0, 1);
        var split = json.GetProperty("split");
        Assert.InRange(split.GetProperty("trainRows").GetInt32(), 180, 200); // 4% of 4,717
        Assert.Contains("Comparison on", run.Stderr);
        Assert.Contains("ROC AUC", run.Stderr);
    }

    [Theory]
    [InlineData("lstm")]
    [InlineData("transformer")]
    [InlineData("bow")]
    public void TrainLearnsFromATextColumn(string network)
    {
        string model = _folder.PathOf($"model-{network}.zip");
        var run = CliRun.Of(["train", "--data", _mails, "--label", "label", "--task", "binary", "--text", "text", "--network", network, "--layers", "8",
            "--save", model, "--json", .. Tiny]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        var json = run.Json();
        Assert.Equal(network, json.GetProperty("text").GetProperty("network").GetString());
        Assert.Equal(JsonValueKind.Number, json.GetProperty("metrics").GetProperty("f1").ValueKind);
        Assert.True(File.Exists(model));
        Assert.Contains(network == "bow" ? "bag of words" : "token ids", run.Stderr);
    }

    [Theory]
    [InlineData("gpt2")]
    [InlineData("o200k")]
    public void TrainAndSpamTakeASubwordTokenizer(string tokenizer)
    {
        var train = CliRun.Of(["train", "--data", _mails, "--label", "label", "--task", "binary", "--text", "text", "--network", "lstm",
            "--tokenizer", tokenizer, "--json", .. Tiny]);
        Assert.True(train.ExitCode == 0, train.Stderr);
        Assert.Equal(tokenizer, train.Json().GetProperty("text").GetProperty("settings").GetProperty("tokenizer").GetString());
        Assert.Contains($"{tokenizer} subword tokens", train.Stderr);
        var spam = CliRun.Of(["spam", "--subset", "0.03", "--models", "lstm", "--tokenizer", tokenizer, "--json", .. Tiny]);
        Assert.True(spam.ExitCode == 0, spam.Stderr);
        Assert.Equal(tokenizer, spam.Json().GetProperty("text").GetProperty("tokenizer").GetString());
    }

    [Fact]
    public void CvComparesTrainersOnABagOfWordsAndTheNetworkOnTokenIds()
    {
        var bow = CliRun.Of(["cv", "--data", _mails, "--label", "label", "--task", "binary", "--text", "text", "--network", "bow", "--trainer", "nn,sdca",
            "--folds", "2", "--report", _folder.PathOf("report-bow"), "--layers", "8", "--json", .. Tiny]);
        Assert.True(bow.ExitCode == 0, bow.Stderr);
        // The two trainers, then the default baselines (a linear model and the class frequencies) on the same folds.
        Assert.Equal(4, bow.Json().GetProperty("models").GetArrayLength());
        var lstm = CliRun.Of(["cv", "--data", _mails, "--label", "label", "--task", "binary", "--text", "text", "--network", "lstm",
            "--folds", "2", "--report", _folder.PathOf("report-lstm"), .. Tiny]);
        Assert.True(lstm.ExitCode == 0, lstm.Stderr);
    }

    [Fact]
    public void BadTextOptionsFailNamingTheOption()
    {
        string[] train = ["train", "--data", _mails, "--label", "label", "--task", "binary"];
        CliRun.Of([.. train, "--text", "subject"]).AssertFailure(1, "--text", "'subject'");
        CliRun.Of([.. train, "--text", "label"]).AssertFailure(1, "--text", "label column");
        CliRun.Of([.. train, "--text", "text", "--network", "transformer", "--embedding", "6"]).AssertFailure(1, "--embedding", "multiple of 4");
        CliRun.Of([.. train, "--text", "text", "--max-length", "0"]).AssertFailure(1, "--max-length");
        CliRun.Of([.. train, "--text", "text", "--features", "text"]).AssertFailure(1, "--features", "--text");
        CliRun.Of(["cv", "--data", _mails, "--label", "label", "--task", "binary", "--text", "text", "--network", "gru", "--trainer", "sdca", "--report", _folder.PathOf("r")])
            .AssertFailure(1, "--trainer nn");
        CliRun.Of(["spam", "--models", "cnn"]).AssertFailure(1, "--models");
        CliRun.Of([.. train, "--text", "text", "--tokenizer", "bert"]).AssertFailure(1, "--tokenizer", "bert");
        CliRun.Of([.. train, "--text", "text", "--network", "bow", "--tokenizer", "gpt2"]).AssertFailure(1, "--tokenizer", "FeaturizeText");
    }
}
