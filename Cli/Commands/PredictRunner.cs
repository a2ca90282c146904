using MLExt.IO;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLExt.Cli.Data;
using MLExt.Cli.Output;
using MLExt.Cli.Prediction;
using MLExt.Neural;
using MLExt.Trainers;

namespace MLExt.Cli.Commands;

/// <summary>The body of <c>mlext predict</c>: load the model, read the file's columns by name, score, write CSV.</summary>
internal static class PredictRunner
{
    /// <summary>Scores the file; returns the exit code.</summary>
    public static int Run(string modelPath, string dataPath, string? outputPath, CliOutput output)
    {
        var mlContext = new MLContext(seed: 0).RegisterMLExt();
        ITransformer model;
        DataViewSchema inputSchema;
        try
        {
            ModelZip.Check(modelPath);
        }
        catch (InvalidDataException e)
        {
            throw new UserException($"--model: {e.Message}");
        }
        try
        {
            model = mlContext.Model.Load(modelPath, out inputSchema);
            // ML.NET copied the network to a file in the private folder (0700); make the copy 0600 too.
            PrivateTempFolder.RestrictFiles();
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or InvalidOperationException or ArgumentException)
        {
            throw new UserException($"--model: '{modelPath}' is not a loadable ML.NET model zip: {e.Message}");
        }
        try
        {
            var file = DelimitedFile.Profile(dataPath);
            var (data, missing) = InputReader.Load(mlContext, file, inputSchema);
            DataViewSchema scoredSchema;
            try
            {
                scoredSchema = model.GetOutputSchema(data.Schema);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                throw new UserException(missing.Count > 0
                    ? $"--data: {file.Path} lacks column(s) the model reads: {string.Join(", ", missing.Select(m => $"'{m}'"))} (columns: {file.ColumnNames})"
                    : $"--data: the model cannot read {file.Path}: {e.Message}");
            }
            var columns = PredictionColumns.Find(scoredSchema);
            var report = outputPath is null ? output.Error : null;
            int rows;
            if (outputPath is null)
                rows = PredictionWriter.Write(model.Transform(data), columns, output.Stdout);
            else
            {
                rows = 0;
                AtomicFile.Write(outputPath, stream =>
                {
                    using var writer = new StreamWriter(stream, leaveOpen: true);
                    rows = PredictionWriter.Write(model.Transform(data), columns, writer);
                });
            }
            string summary = $"Predicted {rows:N0} row{(rows == 1 ? "" : "s")} of {file.Path} with {modelPath}: {string.Join(", ", columns.Select(c => c.Header))}" +
                (outputPath is null ? "." : $", written to {outputPath}.");
            if (report is not null) report.WriteLine(summary);
            else output.Line(summary);
            output.FinalJson(new { Command = "predict", Model = modelPath, Data = file.Path, Rows = rows, Output = outputPath, Columns = columns.Select(c => c.Header).ToList() });
            return 0;
        }
        finally
        {
            (model as IDisposable)?.Dispose();
        }
    }
}
