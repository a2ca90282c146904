using MLExt.Cli.Data;
using MLExt.Cli.Text;
using MLExt.Cli.Training;
using Xunit.Abstractions;

namespace MLExt.Tests.Text;

public sealed class SpamComparisonTests(ITestOutputHelper log)
{
    private static NetworkSettings Network(int epochs) => new([], epochs, 2e-3f, 32, L2: 0, Seed: 1, ValidationFraction: 0, Patience: 0);

    [Fact]
    [Trait("Category", "Long")]
    public void Scratch()
    {
        var mails = SpamMails.Load();
        var experiment = new SpamExperiment(SpamMails.Subset(mails.Train, 0.3, 1), SpamMails.Subset(mails.Test, 0.3, 1), seed: 1);
        var text = new TextSettings(MaxLength: 128, VocabularySize: 8000);
        log.WriteLine(experiment.TrainBagOfWords().ToString());
        foreach (var kind in new[] { TextNetworkKind.Lstm, TextNetworkKind.Transformer })
            log.WriteLine(experiment.TrainNetwork(kind, text, Network(2) with { HiddenLayers = TextNetworks.Create(kind, text) }, null).Score.ToString());
    }
}
