using MLExt.Cli.Commands;
using MLExt.Cli.Data;
using MLExt.Cli.Output;
using MLExt.Cli.Prediction;
using MLExt.IO;
using MLExt.Trainers;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExt.Cli.Explain;

/// <summary>The body of <c>mlext explain</c>: load the model and its network, explain the file's rows, write the report.</summary>
internal static class ExplainRunner
{
    /// <summary>Explains the file; returns the exit code.</summary>
    public static int Run(ExplainRequest request, CliOutput output)
    {
        OptionRules.InputFile("--model", request.ModelPath);
        OptionRules.InputFile("--data", request.DataPath);
        var mlContext = new MLContext(seed: 0).RegisterMLExt();
        SavedNetwork? network;
        try
        {
            network = SavedNetwork.FromModelFile(request.ModelPath);
        }
        catch (InvalidDataException e)
        {
            throw new UserException($"--model: {e.Message}");
        }
        if (network is null)
            throw new UserException($"--model: '{request.ModelPath}' holds no MLExt neural network, so its predictions cannot be " +
                "explained by gradients or occlusion. Permutation importance still works for any model " +
                "(MLExt.Evaluation.Importance.PermutationImportance in the library).");
        var model = ModelLoader.Load(mlContext, request.ModelPath, out var inputSchema);
        try
        {
            var file = DelimitedFile.Profile(request.DataPath);
            var (data, missing) = InputReader.Load(mlContext, file, inputSchema);
            var options = new ExplainPredictionsOptions
            {
                Method = ExplainRequest.Methods[request.Method], Network = network,
                Attribution = new Neural.AttributionOptions { Steps = request.Steps, Samples = request.Steps, Seed = 0 },
            };
            ExplainPredictionsTransformer explainer;
            try
            {
                explainer = mlContext.Transforms.ExplainPredictions(model, options).Fit(data);
            }
            catch (ArgumentException e)
            {
                throw new UserException(missing.Count > 0
                    ? $"--data: {file.Path} lacks column(s) the model reads: {string.Join(", ", missing.Select(m => $"'{m}'"))} (columns: {file.ColumnNames})"
                    : $"--data: the model cannot read {file.Path}: {e.Message}");
            }
            var sources = explainer.SourcesOf(data.Schema);
            var rows = Read(explainer.Transform(mlContext.Data.TakeRows(data, ExplainRequest.MaxRows)), options);
            if (rows.Count == 0) throw new UserException($"--data: {file.Path} has no rows to explain");
            var report = ExplanationReport.Build(request, network, sources, rows);
            Directory.CreateDirectory(request.ReportDirectory);
            string page = Path.Combine(request.ReportDirectory, "report.html");
            AtomicFile.WriteAllText(page, report.Html);
            foreach (var plot in report.Plots)
                AtomicFile.WriteAllBytes(Path.Combine(request.ReportDirectory, "plots", plot.Name + ".png"), plot.Png);
            output.Line($"Explained {rows.Count:N0} row{(rows.Count == 1 ? "" : "s")} of {file.Path} by {request.Method}; " +
                $"most important column: {report.Ranking[0].Column}. Report: {page}");
            output.FinalJson(new
            {
                Command = "explain", Model = request.ModelPath, Data = file.Path, request.Method, Rows = rows.Count, Report = page,
                Importance = report.Ranking.Select(r => new { r.Column, r.MeanAbsolute }).ToList(),
            });
            return 0;
        }
        finally
        {
            (model as IDisposable)?.Dispose();
        }
    }

    private static List<ExplainedRow> Read(IDataView explained, ExplainPredictionsOptions options)
    {
        var schema = explained.Schema;
        var prediction = schema.GetColumnOrNull("PredictedClass") ?? schema.GetColumnOrNull("Score")!.Value;
        var columns = schema[options.ColumnAttributionColumnName];
        var slots = schema[options.OutputColumnName];
        using var cursor = explained.GetRowCursor([prediction, columns, slots]);
        var readColumns = cursor.GetGetter<VBuffer<float>>(columns);
        var readSlots = cursor.GetGetter<VBuffer<float>>(slots);
        Func<string> readPrediction = prediction.Type switch
        {
            TextDataViewType => Text(cursor.GetGetter<ReadOnlyMemory<char>>(prediction)),
            VectorDataViewType => Vector(cursor.GetGetter<VBuffer<float>>(prediction)),
            _ => Number(cursor.GetGetter<float>(prediction)),
        };
        var rows = new List<ExplainedRow>();
        VBuffer<float> a = default, b = default;
        while (cursor.MoveNext())
        {
            readColumns(ref a);
            readSlots(ref b);
            rows.Add(new ExplainedRow(readPrediction(), a.DenseValues().ToArray(), b.DenseValues().ToArray()));
        }
        return rows;
    }

    private static Func<string> Text(ValueGetter<ReadOnlyMemory<char>> getter) => () =>
    {
        ReadOnlyMemory<char> value = default;
        getter(ref value);
        return value.ToString();
    };

    private static Func<string> Number(ValueGetter<float> getter) => () =>
    {
        float value = 0;
        getter(ref value);
        return value.ToString("G4", System.Globalization.CultureInfo.InvariantCulture);
    };

    private static Func<string> Vector(ValueGetter<VBuffer<float>> getter) => () =>
    {
        VBuffer<float> value = default;
        getter(ref value);
        var values = value.DenseValues().ToArray();
        return $"class {Array.IndexOf(values, values.Max())}";
    };
}
