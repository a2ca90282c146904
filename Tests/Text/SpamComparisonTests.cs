using MLExt.Data;
using MLExt.Cli.Text;
using MLExt.Cli.Training;
using Xunit.Abstractions;

namespace MLExt.Tests.Text;

/// <summary>
/// The full comparison of issue 8 on the shipped SpamAssassin split, with <c>mlext spam</c>'s default settings: the best
/// sequence network must at least match ML.NET's bag-of-words F1. The default run keeps a small version in
/// <c>TextCommandTests.SpamComparesTheBagOfWordsBaselineWithTheSequenceNetworks</c>.
/// </summary>
public sealed class SpamComparisonTests(ITestOutputHelper log)
{
    [Fact]
    [Trait("Category", "Long")]
    public void TheBestSequenceNetworkMatchesTheBagOfWordsF1()
    {
        var mails = SpamMails.Load();
        var experiment = new SpamExperiment(mails.Train, mails.Test, seed: 1);
        var text = new TextSettings();
        var network = new NetworkSettings([], Epochs: 8, LearningRate: 2e-3f, BatchSize: 32, L2: 0, Seed: 1, ValidationFraction: 0.1f, Patience: 2);
        var bagOfWords = experiment.TrainBagOfWords();
        log.WriteLine(bagOfWords.ToString());
        var sequences = new[] { TextNetworkKind.Lstm, TextNetworkKind.Transformer }
            .Select(kind => experiment.TrainNetwork(kind, text, network with { HiddenLayers = TextNetworks.Create(kind, text) }, null).Score)
            .ToList();
        foreach (var score in sequences) log.WriteLine(score.ToString());
        Assert.True(sequences.Max(s => s.F1) >= bagOfWords.F1, $"best sequence F1 {sequences.Max(s => s.F1):F4} < bag-of-words F1 {bagOfWords.F1:F4}");
        Assert.All(sequences, s => Assert.True(s.Auc > 0.98, $"{s.Model} ROC AUC {s.Auc:F4}"));
    }
}
