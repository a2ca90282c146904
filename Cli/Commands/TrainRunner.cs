using MLExt.Cli.Data;
using MLExt.Cli.Models;
using MLExt.Cli.Output;
using MLExt.Cli.Text;
using MLExt.Cli.Training;

namespace MLExt.Cli.Commands;

/// <summary>The body of <c>mlext train</c>: read the file, say what was found, train, print the test metrics.</summary>
internal static class TrainRunner
{
    /// <summary>Runs a validated request; returns the exit code.</summary>
    public static int Run(TrainRequest request, CliOutput output)
    {
        OptionRules.InputFile("--data", request.DataPath);
        var file = DelimitedFile.Profile(request.DataPath);
        var dataset = request.Text is null ? TabularDataset.Resolve(file, request.Label, request.Features, request.Task)
            : TabularDataset.ResolveText(file, request.Label, request.Task, request.Text, request.Features);
        var experiment = new TabularExperiment(dataset, request.Network.Settings, request.TestFraction);
        var network = experiment.Network;

        output.Line($"Data: {file.Path}, {file.Rows:N0} rows, separator {SeparatorName(file.Separator)}.");
        output.Line($"Label: '{dataset.Label.Name}', {LabelDescription(dataset)}.");
        if (request.Text is { WithFeatures: false }) output.Line($"Features: {request.Text.Describe()}.");
        else
        {
            if (request.Text is not null) output.Line($"Text: {request.Text.Describe()}.");
            var tabular = dataset.TabularFeatures.ToList();
            output.Line($"Features ({tabular.Count}): {string.Join(", ", tabular.Select(f => $"{f.Name} ({TabularDataset.Describe(f)})"))}; standardised.");
        }
        output.Line($"Split: TrainTestSplit(test fraction {request.TestFraction:0.###}, seed {network.Seed}): {experiment.TrainRows:N0} train / {experiment.TestRows:N0} test rows.");
        if (request.Text is { WithFeatures: true })
            output.Line($"Network: {TwoInputNetwork.Describe(request.Text.Network, request.Text.Settings, request.Network.Layers)}; {network.Describe()}.");
        else if (request.Text is { Network: not TextNetworkKind.Bow })
            output.Line($"Network: {TextNetworks.Describe(request.Text.Network, request.Text.Settings)}; {network.Describe()}.");
        else output.Line($"Network: hidden layers {request.Network.Layers} (ReLU{(request.Network.Dropout > 0 ? $", dropout {request.Network.Dropout:0.###}" : "")}); {network.Describe()}.");
        if (request.Network.DescribeDefaults(experiment.TrainRows) is { } defaults)
            output.Line(defaults);
        if (experiment.CheckLabel() is { } warning)
            output.Line($"Warning: {warning}");

        var result = EpochReporter.Run(output, $"{request.Task.ToString().ToLowerInvariant()} network", experiment.Train);
        output.Line(HistoryReport.Summary(result.History));
        output.Line();
        ReportTable.Write(output, $"Test metrics on {experiment.TestRows:N0} held-out row{(experiment.TestRows == 1 ? "" : "s")}:", ["metric", "value"],
            result.Metrics.Select(m => new[] { m.Name, ReportTable.Figure(m.Value) }));
        output.Line($"Fit: {ReportTable.Seconds(result.FitSeconds)} s.");
        var baselines = request.Baselines == Baselines.None ? []
            : StatusDisplay.Run(output, "Fitting the baselines ...", () => experiment.TrainBaselines(request.Baselines));
        if (baselines.Count > 0)
        {
            output.Line();
            ReportTable.Write(output, "Beside the baselines (same split; --baselines none leaves them out):",
                ["model", .. result.Metrics.Select(m => m.Name), "fit seconds"],
                [
                    ["MLExt network", .. result.Metrics.Select(m => ReportTable.Figure(m.Value)), ReportTable.Seconds(result.FitSeconds)],
                    .. baselines.Select(b => (IReadOnlyList<string>)[b.Name, .. b.Metrics.Select(m => ReportTable.Figure(m.Value)), ReportTable.Seconds(b.FitSeconds)]),
                ]);
            var linear = baselines.FirstOrDefault(b => b.Name == BaselineTrainers.LinearName(request.Task));
            if (linear is not null && BaselineVerdict.ForTest(request.Task, result.Metrics, linear) is { } verdict)
                output.Line(verdict);
        }
        if (request.SavePath is not null)
        {
            experiment.Save(result.Model, request.SavePath);
            output.Line($"Saved: {request.SavePath} (ML.NET model zip; score files with 'mlext predict --model {request.SavePath} --data FILE').");
        }

        output.FinalJson(new
        {
            Command = "train",
            Task = request.Task.ToString().ToLowerInvariant(),
            Data = new { file.Path, file.Rows, Separator = file.Separator.ToString() },
            Label = new { dataset.Label.Name, PositiveClass = dataset.Binary?.Positive, NegativeClass = dataset.Binary?.Negative },
            Text = request.Text is null ? null
                : new { request.Text.Column, Network = request.Text.Network.ToString().ToLowerInvariant(), request.Text.Settings, request.Text.WithFeatures },
            Features = dataset.Features.Select(f => new { f.Name, Kind = f.IsNumeric ? "numeric" : "text" }).ToList(),
            Split = new { network.Seed, request.TestFraction, experiment.TrainRows, experiment.TestRows },
            Network = new
            {
                request.Network.Layers, request.Network.Dropout, network.Epochs, network.LearningRate, network.BatchSize, network.L2, network.ValidationFraction,
                network.Patience, LabelScaling = network.LabelScaling.ToString(), request.Network.DefaultsUsed,
            },
            History = HistoryReport.Figures(result.History),
            Metrics = result.Metrics.ToDictionary(m => m.Key, m => m.Value),
            result.FitSeconds,
            Baselines = baselines.Select(b => new { b.Name, Metrics = b.Metrics.ToDictionary(m => m.Key, m => m.Value), b.FitSeconds }).ToList(),
            Saved = request.SavePath,
        });
        return 0;
    }

    private static string LabelDescription(TabularDataset dataset) => dataset.Task switch
    {
        TaskKind.Binary => $"binary, '{dataset.Binary!.Positive}' is the positive class and '{dataset.Binary.Negative}' the negative",
        TaskKind.Multiclass => $"multiclass, {dataset.Label.Distinct.Count} classes",
        _ => "regression",
    };

    private static string SeparatorName(char separator) => separator switch
    {
        '\t' => "tab",
        ',' => "comma",
        ';' => "semicolon",
        _ => $"'{separator}'",
    };
}
