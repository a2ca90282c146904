using Microsoft.ML;
using MLExt.Cli.Data;
using MLExt.Cli.Output;
using MLExt.Cli.Training;
using MLExt.IO;
using MLExt.Trainers;

namespace MLExt.Cli.Commands;

/// <summary>The body of <c>mlext distill</c>: read the file and the teacher, train the student on the teacher's scores,
/// print the student's test metrics beside the teacher's on the same rows.</summary>
internal static class DistillRunner
{
    /// <summary>Runs a validated request; returns the exit code.</summary>
    public static int Run(DistillRequest request, CliOutput output)
    {
        var train = request.Train;
        OptionRules.InputFile("--data", train.DataPath);
        OptionRules.InputFile("--teacher", request.TeacherPath);
        var file = DelimitedFile.Profile(train.DataPath);
        var dataset = TabularDataset.Resolve(file, train.Label, train.Features, TaskKind.Multiclass);
        var experiment = new TabularExperiment(dataset, train.Network.Settings, train.TestFraction);
        var teacher = LoadTeacher(request.TeacherPath);
        experiment.UseTeacher(teacher, request.Temperature, request.Alpha);

        output.Line($"Data: {file.Path}, {file.Rows:N0} rows; label '{dataset.Label.Name}', {dataset.Label.Distinct.Count} classes; " +
            $"{dataset.Features.Count} feature columns, standardised.");
        output.Line($"Split: TrainTestSplit(test fraction {train.TestFraction:0.###}, seed {experiment.Network.Seed}): " +
            $"{experiment.TrainRows:N0} train / {experiment.TestRows:N0} test rows.");
        output.Line($"Student: hidden layers {train.Network.Layers} (ReLU); {experiment.Network.Describe()}.");
        output.Line($"Teacher: {request.TeacherPath}; loss α·CE(label) + (1 − α)·T²·KL(teacher ‖ student) with T = " +
            $"{request.Temperature:0.###}, α = {request.Alpha:0.###} (teacher probabilities p used as logits log p).");

        TabularResult result;
        try
        {
            result = EpochReporter.Run(output, "distilled student", experiment.Train);
        }
        catch (ArgumentException e) when (e.ParamName?.StartsWith("Distillation", StringComparison.Ordinal) == true)
        {
            throw new UserException($"--teacher: {e.Message.Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal)}");
        }
        var teacherMetrics = experiment.EvaluateTeacher(teacher);
        output.Line(HistoryReport.Summary(result.History));
        output.Line();
        ReportTable.Write(output, $"Test metrics on {experiment.TestRows:N0} held-out rows:", ["model", .. result.Metrics.Select(m => m.Name)],
        [
            ["student (distilled)", .. result.Metrics.Select(m => ReportTable.Figure(m.Value))],
            ["teacher", .. teacherMetrics.Select(m => ReportTable.Figure(m.Value))],
        ]);
        output.Line($"Fit: {ReportTable.Seconds(result.FitSeconds)} s.");
        if (train.SavePath is not null)
        {
            experiment.Save(result.Model, train.SavePath);
            output.Line($"Saved: {train.SavePath} (ML.NET model zip).");
        }
        output.FinalJson(new
        {
            Command = "distill",
            Data = new { file.Path, file.Rows },
            Teacher = request.TeacherPath,
            request.Temperature,
            request.Alpha,
            Split = new { experiment.Network.Seed, train.TestFraction, experiment.TrainRows, experiment.TestRows },
            Network = new { train.Network.Layers, experiment.Network.Epochs, experiment.Network.LearningRate, experiment.Network.BatchSize },
            History = HistoryReport.Figures(result.History),
            Metrics = result.Metrics.ToDictionary(m => m.Key, m => m.Value),
            TeacherMetrics = teacherMetrics.ToDictionary(m => m.Key, m => m.Value),
            result.FitSeconds,
            Saved = train.SavePath,
        });
        return 0;
    }

    // As 'mlext predict' loads a model: check the zip, load it with MLExt's adapters registered.
    private static ITransformer LoadTeacher(string path)
    {
        try
        {
            ModelZip.Check(path);
        }
        catch (InvalidDataException e)
        {
            throw new UserException($"--teacher: {e.Message}");
        }
        try
        {
            var model = new MLContext(seed: 0).RegisterMLExt().Model.Load(path, out _);
            PrivateTempFolder.RestrictFiles();
            return model;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new UserException($"--teacher: '{path}' is not a loadable ML.NET model zip: {CommandContext.Innermost(e).Message}");
        }
    }
}
