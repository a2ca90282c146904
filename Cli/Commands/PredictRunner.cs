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
        OptionRules.InputFile("--model", modelPath);
        OptionRules.InputFile("--data", dataPath);
        var mlContext = new MLContext(seed: 0).RegisterMLExt();
        var model = ModelLoader.Load(mlContext, modelPath, out var inputSchema);
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
            foreach (var note in InputReader.CheckNumbers(file, inputSchema))
            {
                if (report is not null) report.WriteLine($"Warning: {note}.");
                else output.Line($"Warning: {note}.");
            }
            void NotANumber(int row) => throw NoPrediction(file, inputSchema, row);
            int rows;
            if (outputPath is null)
                rows = PredictionWriter.Write(model.Transform(data), columns, output.Stdout, NotANumber);
            else
            {
                rows = 0;
                AtomicFile.Write(outputPath, stream =>
                {
                    using var writer = new StreamWriter(stream, leaveOpen: true);
                    rows = PredictionWriter.Write(model.Transform(data), columns, writer, NotANumber);
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

    // A NaN prediction: the model has no replacement for a missing or unreadable value on that row (a model saved by an older
    // mlext replaced them only in columns that had gaps in training). Name the row's line and those cells.
    private static UserException NoPrediction(DelimitedFile file, DataViewSchema inputSchema, int row)
    {
        var (fields, line) = file.Row(row);
        var cells = inputSchema.Where(c => !c.IsHidden && c.Type is NumberDataViewType)
            .Select(c => InputReader.Find(file, c.Name))
            .OfType<ColumnProfile>()
            .Where(p => ColumnProfile.IsMissing(fields[p.Index]) || !ColumnProfile.TryParseNumber(fields[p.Index], out _))
            .Select(p => $"'{p.Name}' ('{fields[p.Index]}')").ToList();
        return new UserException($"--data: {file.Path}, line {line}: the model gives no prediction (NaN)" + (cells.Count > 0
            ? $": it has no replacement for the missing or unreadable value in column(s) {string.Join(", ", cells)}; fill them, or retrain the model with this mlext"
            : "; its input there is out of the range it can score"));
    }
}
