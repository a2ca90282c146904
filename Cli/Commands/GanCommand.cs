using System.CommandLine;
using MLExt.Cli.Generative;
using MLExt.Neural;

namespace MLExt.Cli.Commands;

/// <summary><c>mlext gan</c>: a DCGAN (or MLP GAN) on the embedded digits, judged by the digit score.</summary>
internal static class GanCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CommandContext context)
    {
        var epochs = new Option<int>("--epochs") { Description = "Passes over the 8,000 training digits.", DefaultValueFactory = _ => 10 };
        var conditional = new Option<bool>("--conditional") { Description = "Class-conditional GAN: both networks read the digit (one-hot); samples are drawn per asked digit." };
        var architecture = new Option<string>("--architecture") { Description = "dcgan (transposed convolutions, batch norm) or mlp (dense layers).", DefaultValueFactory = _ => "dcgan" };
        var width = new Option<int>("--width") { Description = "Network width: DCGAN base filters (64 in the paper); the MLP's hidden layers are 4× and 8× it.", DefaultValueFactory = _ => 64 };
        var noise = new Option<int>("--noise") { Description = "Size of the noise vector z (≥ 1).", DefaultValueFactory = _ => 100 };
        var batchSize = new Option<int>("--batch-size") { Description = "Real digits per step (as many fakes are drawn).", DefaultValueFactory = _ => 64 };
        var learningRate = new Option<float>("--learning-rate") { Description = "Adam learning rate of both networks.", DefaultValueFactory = _ => 2e-4f };
        var beta1 = new Option<float>("--beta1") { Description = "Adam β1 of both networks, in [0, 1).", DefaultValueFactory = _ => 0.5f };
        var smoothing = new Option<float>("--label-smoothing") { Description = "One-sided label smoothing: real digits are pushed towards 1 − s, s in [0, 0.5).", DefaultValueFactory = _ => 0f };
        var seed = new Option<int>("--seed") { Description = "Seed of initialisation, noise, shuffling and the digit judge.", DefaultValueFactory = _ => 1 };
        var scoreSamples = new Option<int>("--score-samples") { Description = "Generated digits the digit score, class shares and nearest-training distance are measured on.", DefaultValueFactory = _ => 10_000 };
        var samples = new Option<int?>("--samples") { Description = "Generated digits to write to --output (the conditional model cycles through 0–9).", HelpName = "N" };
        var output = new Option<string?>("--output") { Description = "CSV file for --samples: one row per digit, 784 pixel values in [0, 1] (after the asked class for --conditional).", HelpName = "FILE" };
        var report = new Option<string>("--report") { Description = "Folder for the PNG grid of each epoch.", DefaultValueFactory = _ => "gan-report", HelpName = "DIR" };
        var command = new Command("gan",
            "Trains a GAN on the 8,000 training digits shipped with MLExt and measures its samples with a CNN trained on the same digits.")
        {
            epochs, conditional, architecture, width, noise, batchSize, learningRate, beta1, smoothing, seed, scoreSamples, samples, output, report,
        };
        command.SetAction(parseResult => context.Run(parseResult, cli =>
        {
            int? sampleCount = parseResult.GetValue(samples);
            string? outputPath = parseResult.GetValue(output);
            if (sampleCount is not null && outputPath is null) throw new UserException("--samples needs --output to name the CSV file to write");
            if (outputPath is not null && sampleCount is null) throw new UserException("--output needs --samples to say how many digits to write");
            if (sampleCount is int n) OptionRules.AtLeastOne("--samples", n);
            var options = OptionRules.Gan(new GanOptions
            {
                NumberOfEpochs = parseResult.GetValue(epochs), Classes = parseResult.GetValue(conditional) ? DigitClassifier.Classes : 0,
                NoiseSize = parseResult.GetValue(noise), BatchSize = parseResult.GetValue(batchSize), LearningRate = parseResult.GetValue(learningRate),
                Beta1 = parseResult.GetValue(beta1), LabelSmoothing = parseResult.GetValue(smoothing), Seed = parseResult.GetValue(seed),
            });
            var request = new GanRequest(ParseArchitecture(parseResult.GetValue(architecture)!), OptionRules.AtLeastOne("--width", parseResult.GetValue(width)),
                options, OptionRules.AtLeastOne("--score-samples", parseResult.GetValue(scoreSamples)), sampleCount ?? 0, outputPath,
                parseResult.GetValue(report)!);
            new CommandFiles().Output("--output", outputPath).Output("--report", request.ReportDirectory, folder: true).Check();
            return GanRunner.Run(request, cli);
        }));
        return command;
    }

    private static GanArchitecture ParseArchitecture(string name) => name.ToLowerInvariant() switch
    {
        "dcgan" => GanArchitecture.Dcgan,
        "mlp" => GanArchitecture.Mlp,
        _ => throw new UserException($"--architecture must be dcgan or mlp, got '{name}'"),
    };
}
