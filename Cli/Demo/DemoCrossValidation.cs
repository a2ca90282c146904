using Microsoft.ML;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.LightGbm;
using Microsoft.ML.Transforms;
using MLExt.Cli.Models;
using MLExt.Cli.Output;
using MLExt.Cli.Training;
using MLExt.Evaluation;
using MLExt.Evaluation.CrossValidation;
using MLExt.Evaluation.Reports;
using MLExt.Trainers;

namespace MLExt.Cli.Demo;

/// <summary>
/// The demo's second part: the same three models cross-validated (stratified k-fold) on the first digits of the
/// training split, each metric with its mean, spread and 95% interval, and a report with plots.
/// </summary>
internal static class DemoCrossValidation
{
    private const string Label = "Label", Features = "Features";

    /// <summary>Cross-validates the MLP, LbfgsMaximumEntropy and LightGbm; returns the results and the report files written.</summary>
    public static (IReadOnlyList<(string Name, CrossValidationResult Result)> Models, IReadOnlyList<string> Files) Run(DemoSettings settings, CliOutput output)
    {
        var network = DemoRunner.Network(settings);
        var (train, _) = MLExt.Data.MnistDigits.Load().Split(MLExt.Data.MnistDigits.DefaultSplitSeed);
        int rows = Math.Min(settings.CvRows, train.Count);
        var ml = new MLContext(seed: settings.Seed);
        var data = ml.Data.TakeRows(train.ToDataView(ml), rows);
        var options = new CrossValidationOptions
        {
            Task = EvaluationTask.MulticlassClassification,
            NumberOfFolds = settings.CvFolds,
            Seed = settings.Seed,
            LearningCurveExtractor = NeuralNetworkLearningCurves.Extract,
        };
        output.Line();
        output.Line($"Cross-validation: {settings.CvFolds}-fold stratified on the first {rows:N0} training digits, seed {settings.Seed}.");
        var models = new List<(string, CrossValidationResult)>();
        foreach (var (name, trainer) in Trainers(network, settings.Seed))
        {
            var result = StatusDisplay.Run(output, $"Cross-validating {name} ...", () => CrossValidator.Run(data, fold =>
            {
                var ml = new MLContext(seed: settings.Seed + fold);
                return ml.Transforms.Conversion.MapValueToKey(Label, keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByValue).Append(trainer(ml));
            }, options));
            models.Add((name, result));
        }
        var report = EvaluationReport.FromCrossValidation("MLExt demo: MNIST digits, cross-validated", models,
        [
            $"MNIST digits shipped with MLExt: the first {rows} digits of the training split (seed {MLExt.Data.MnistDigits.DefaultSplitSeed}).",
            $"{settings.CvFolds}-fold stratified cross-validation, seed {settings.Seed}. MLP: {network.Describe()}.",
        ]);
        output.Line();
        CrossValidationTable.Write(output, $"Cross-validated comparison ({settings.CvFolds} folds, {rows:N0} digits):", models, report.KeyMetrics.Take(3).ToArray());
        var files = ReportWriter.WriteAll(report, settings.ReportDirectory);
        output.Line($"Report: {Path.Combine(settings.ReportDirectory, "report.html")} (also report.md, report.json and {(files.Count - 3) / 2} plots as PNG and SVG).");
        return (models, files);
    }

    private static IEnumerable<(string Name, Func<MLContext, IEstimator<ITransformer>> Trainer)> Trainers(NetworkSettings network, int seed)
    {
        yield return (DemoRunner.MlpName, ml => ml.MulticlassClassification.Trainers.NeuralNetwork(network.Apply(new NeuralNetworkMulticlassTrainer.Options(), null)));
        yield return ("ML.NET LbfgsMaximumEntropy", ml => ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(
            new LbfgsMaximumEntropyMulticlassTrainer.Options { LabelColumnName = Label, FeatureColumnName = Features }));
        yield return ("ML.NET LightGbm", ml => ml.MulticlassClassification.Trainers.LightGbm(
            new LightGbmMulticlassTrainer.Options { LabelColumnName = Label, FeatureColumnName = Features, Seed = seed }));
    }
}
