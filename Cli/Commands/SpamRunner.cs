using MLExt.Data;
using MLExt.Cli.Output;
using MLExt.Cli.Text;

namespace MLExt.Cli.Commands;

/// <summary>The body of <c>mlext spam</c>: load the shipped mails, fit each model, print the comparison.</summary>
internal static class SpamRunner
{
    /// <summary>Runs a validated request; returns the exit code.</summary>
    public static int Run(SpamRequest request, CliOutput output)
    {
        var mails = SpamMails.Load();
        var train = request.Subset < 1 ? SpamMails.Subset(mails.Train, request.Subset, request.Network.Seed) : mails.Train;
        var test = request.Subset < 1 ? SpamMails.Subset(mails.Test, request.Subset, request.Network.Seed) : mails.Test;
        var experiment = new SpamExperiment(train, test, request.Network.Seed);
        output.Line($"SpamAssassin mails shipped with MLExt: {mails.Train.Count + mails.Test.Count:N0} (subject and decoded body, lowercased, first 2,000 characters; " +
            "other headers dropped; duplicates removed; PDDL 1.0 / CC0).");
        output.Line($"Split: stratified, seed 42 (fixed in the file): {experiment.TrainRows:N0} train ({experiment.TrainSpam:N0} spam) / {experiment.TestRows:N0} test ({experiment.TestSpam:N0} spam)" +
            (request.Subset < 1 ? $", a stratified {request.Subset:0.###} subset (seed {request.Network.Seed})." : "."));
        output.Line($"Sequence input: {request.Text.Describe()}; {request.Network.Describe()}, gradient norm clipped at 5.");

        var scores = new List<BinaryModelScore>();
        var parameters = new Dictionary<string, long>();
        foreach (var kind in request.Models)
        {
            output.Line();
            if (kind == TextNetworkKind.Bow)
            {
                output.Line($"{SpamExperiment.BagOfWordsName}: {TextNetworks.Describe(kind, request.Text)}.");
                scores.Add(StatusDisplay.Run(output, $"Training {SpamExperiment.BagOfWordsName} ...", experiment.TrainBagOfWords));
                continue;
            }
            output.Line($"{TextNetworks.Name(kind)}: {TextNetworks.Describe(kind, request.Text)}.");
            var settings = request.Network with { HiddenLayers = TextNetworks.Create(kind, request.Text) };
            var (score, model) = EpochReporter.Run(output, TextNetworks.Name(kind), progress => experiment.TrainNetwork(kind, request.Text, settings, progress));
            var network = (Trainers.NeuralNetworkTransformer)model.Last();
            output.Line(HistoryReport.Summary(network.History));
            output.Line($"{network.Network.ParameterCount:N0} parameters: {string.Join(" → ", network.Network.Layers.Select(l => l.TypeName))}.");
            parameters[score.Model] = network.Network.ParameterCount;
            scores.Add(score);
        }

        output.Line();
        ReportTable.Write(output, $"Comparison on {experiment.TestRows:N0} held-out mails (positive class: spam):",
            ["model", "precision", "recall", "F1", "ROC AUC", "accuracy", "fit seconds"],
            scores.Select(s => new[] { s.Model, ReportTable.Figure(s.Precision), ReportTable.Figure(s.Recall), ReportTable.Figure(s.F1), ReportTable.Figure(s.Auc), ReportTable.Figure(s.Accuracy), ReportTable.Seconds(s.FitSeconds) }));

        output.FinalJson(new
        {
            Command = "spam",
            Split = new { SplitSeed = 42, request.Subset, experiment.TrainRows, experiment.TrainSpam, experiment.TestRows, experiment.TestSpam },
            Text = request.Text,
            Network = new { request.Network.Epochs, request.Network.LearningRate, request.Network.BatchSize, request.Network.Seed, request.Network.ValidationFraction, request.Network.Patience },
            Parameters = parameters,
            Models = scores,
        });
        return 0;
    }
}
