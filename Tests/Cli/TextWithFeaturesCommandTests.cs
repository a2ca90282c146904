using System.Text;
using System.Text.Json;
using MLExt.Data;
using MLExt.Samples.SpamWithNumbers;

namespace MLExt.Tests.Cli;

/// <summary><c>train</c>/<c>cv</c> with <c>--text</c> and <c>--features</c>: a two-input model (token ids and feature columns).</summary>
public sealed class TextWithFeaturesCommandTests : IDisposable
{
    private static readonly string[] Tiny = ["--epochs", "1", "--max-length", "24", "--vocabulary", "300", "--embedding", "8", "--batch-size", "16", "--layers", "8"];
    private readonly TempFolder _folder = new();
    private readonly string _mails;

    public TextWithFeaturesCommandTests()
    {
        // 160 mails of the shipped corpus with the sample's numbers, as a user's TSV file.
        var mails = SpamMails.Subset(SpamMails.Load().Train, 0.035, 4);
        var file = new StringBuilder($"text\t{string.Join('\t', MailNumbers.Names)}\tlabel\n");
        foreach (var mail in mails)
            file.Append(mail.Text.Replace('"', '\'')).Append('\t').AppendJoin('\t', MailNumbers.Fields(mail.Text)).Append('\t')
                .Append(mail.Label ? "spam" : "ham").Append('\n');
        _mails = _folder.Write("mails.tsv", file.ToString());
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void TrainBuildsATwoInputModelAndSavesIt()
    {
        string model = _folder.PathOf("model.zip");
        var run = CliRun.Of(["train", "--data", _mails, "--label", "label", "--task", "binary", "--text", "text", "--features", "length,links,exclamations",
            "--network", "transformer", "--save", model, "--json", .. Tiny]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        var json = run.Json();
        Assert.True(json.GetProperty("text").GetProperty("withFeatures").GetBoolean());
        Assert.Equal(["text", "length", "links", "exclamations"], json.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("name").GetString()));
        Assert.Equal(JsonValueKind.Number, json.GetProperty("metrics").GetProperty("auc").ValueKind);
        Assert.Contains("two inputs: token ids", run.Stderr);
        Assert.Contains("Features (3): length (numeric), links (numeric), exclamations (numeric); standardised.", run.Stderr);
        Assert.True(File.Exists(model));

        var predict = CliRun.Of(["predict", "--model", model, "--data", _mails]);
        Assert.True(predict.ExitCode == 0, predict.Stderr);
    }

    [Fact]
    public void CvCrossValidatesTheTwoInputModel()
    {
        var run = CliRun.Of(["cv", "--data", _mails, "--label", "label", "--task", "binary", "--text", "text", "--features", "length,digit_share",
            "--network", "lstm", "--folds", "2", "--report", _folder.PathOf("report"), "--json", .. Tiny]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal(["MLExt network"], run.Json().GetProperty("models").EnumerateArray().Select(m => m.GetProperty("name").GetString()));
    }

    [Fact]
    public void TextBesideFeaturesNeedsASequenceNetworkAndDistinctColumns()
    {
        string[] train = ["train", "--data", _mails, "--label", "label", "--task", "binary", "--text", "text"];
        CliRun.Of([.. train, "--features", "length", "--network", "bow"]).AssertFailure(1, "--features", "sequence network");
        CliRun.Of([.. train, "--features", "length,text", "--network", "gru"]).AssertFailure(1, "--features", "'text' is the --text column");
        CliRun.Of([.. train, "--features", "length,nope", "--network", "gru"]).AssertFailure(1, "--features", "'nope'");
    }
}
