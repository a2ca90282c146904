using MLExt.Cli.Demo;
using MLExt.Cli.Images;
using MLExt.Cli.Output;
using MLExt.Neural;

namespace MLExt.Cli.Commands;

/// <summary>The body of <c>mlext images</c>: list and featurise the images, train the network, the baselines, print the comparison.</summary>
internal static class ImagesRunner
{
    /// <summary>Runs a validated request; returns the exit code.</summary>
    public static int Run(ImageRequest request, CliOutput output)
    {
        if (!Directory.Exists(request.Folder))
            throw new UserException($"--folder: folder '{request.Folder}' does not exist");
        ImageExperiment experiment;
        try
        {
            experiment = StatusDisplay.Run(output, "Loading images ...", () => new ImageExperiment(request));
        }
        catch (ArgumentException e) when (e.ParamName == "folder")
        {
            throw new UserException($"--folder: {e.Message.Replace($" (Parameter '{e.ParamName}')", "")}");
        }
        if (experiment.Skipped.Count > 0)
        {
            int skipped = experiment.Skipped.Count;
            output.Line($"Skipped {skipped:N0} unreadable image{(skipped == 1 ? "" : "s")} (--bad-images skip): {string.Join(", ", experiment.Skipped)}.");
        }
        string shape = $"[{experiment.Channels}, {request.ImageSize}, {request.ImageSize}]";
        output.Line($"Images: {experiment.Images:N0} in {experiment.Classes.Count} classes ({string.Join(", ", experiment.Classes)}), " +
            $"resized to {request.ImageSize}×{request.ImageSize}, {(request.Color ? "RGB" : "grayscale")}, pixels in [0, 1] as {shape}.");
        output.Line($"Split: TrainTestSplit(test fraction {request.TestFraction:0.###}, seed {request.Settings.Seed}): {experiment.TrainRows:N0} train / {experiment.TestRows:N0} test images.");
        output.Line($"Network: {ImageNetworks.Describe(request.Network)}; augmentation: {request.Augmentation.Describe()}; {request.Settings.Describe()}.");

        if (request.Pretrained is not null) return RunPretrained(request, experiment, output);
        var (network, model) = EpochReporter.Run(output, $"{request.Network.ToString().ToLowerInvariant()} network", experiment.TrainNetwork);
        output.Line(HistoryReport.Summary(model.History));
        output.Line($"{model.Network.ParameterCount:N0} parameters: {string.Join(" → ", model.Network.Layers.Select(l => l.TypeName))}.");
        var models = new List<ModelScore> { network };
        if (request.Baselines != "none")
            models.Add(StatusDisplay.Run(output, "Training ML.NET LbfgsMaximumEntropy ...", experiment.TrainMaximumEntropy));
        if (request.Baselines == "all")
            models.Add(StatusDisplay.Run(output, "Training ML.NET LightGbm ...", experiment.TrainLightGbm));

        output.Line();
        ReportTable.Write(output, $"Comparison on {experiment.TestRows:N0} held-out images:", ["model", "accuracy", "macro F1", "log loss (nats)", "fit seconds"],
            models.Select(m => new[] { m.Model, ReportTable.Figure(m.Accuracy), ReportTable.Figure(m.MacroF1), ReportTable.Figure(m.LogLossNats), ReportTable.Seconds(m.FitSeconds) }));

        output.FinalJson(new
        {
            Command = "images",
            Data = new { request.Folder, experiment.Images, experiment.Skipped, experiment.Classes, request.ImageSize, experiment.Channels },
            Split = new { request.Settings.Seed, request.TestFraction, experiment.TrainRows, experiment.TestRows },
            Network = new
            {
                Kind = request.Network.ToString().ToLowerInvariant(),
                Architecture = ImageNetworks.Describe(request.Network),
                Layers = model.Network.Layers.Select(l => l.TypeName).ToList(),
                model.Network.ParameterCount,
                request.Settings.Epochs, request.Settings.LearningRate, request.Settings.BatchSize, request.Settings.ValidationFraction, request.Settings.Patience,
            },
            Augmentation = request.Augmentation,
            History = HistoryReport.Figures(model.History),
            Models = models,
        });
        return 0;
    }

    // --pretrained: the trunk's features (computed once per image), a new head, optionally part of the trunk trained.
    private static int RunPretrained(ImageRequest request, ImageExperiment experiment, CliOutput output)
    {
        output.Line($"Trunk: ResNet-18 (Microsoft.ML.DnnImageFeaturizer.ResNet18's ONNX file, 224×224 RGB in [0, 255])" +
            (request.FineTuneFrom is null ? ", frozen; a dense head on its 512 features." : $", trained from node {request.FineTuneFrom} on with a dense head.") +
            $" {request.Settings.Describe()}.");
        var score = StatusDisplay.Run(output, "ResNet-18 features and head ...", () => experiment.TrainPretrained());
        output.Line();
        ReportTable.Write(output, $"On {experiment.TestRows:N0} held-out images:", ["model", "accuracy", "fit seconds (trunk included)"],
            [[score.Model, ReportTable.Figure(score.Accuracy), ReportTable.Seconds(score.FitSeconds)]]);
        output.FinalJson(new
        {
            Command = "images",
            Data = new { request.Folder, experiment.Images, experiment.Skipped, experiment.Classes, ImageSize = 224, experiment.Channels, request.LabelsPerClass },
            Split = new { request.Settings.Seed, request.TestFraction, experiment.TrainRows, experiment.TestRows },
            Pretrained = new { Trunk = request.Pretrained, request.FineTuneFrom, request.Settings.Epochs, request.Settings.LearningRate, request.Settings.BatchSize },
            Models = new[] { score },
        });
        return 0;
    }
}
