using MLExt.IO;
using Microsoft.ML;
using MLExt.Cli.Output;
using MLExt.Cli.Training;
using MLExt.Neural;
using MLExt.Neural.Onnx.Proto;
using MLExt.Trainers;

namespace MLExt.Cli.Commands;

/// <summary>The body of <c>mlext export</c>: find the network in the zip, write it as ONNX, describe the file.</summary>
internal static class ExportRunner
{
    /// <summary>Exports; returns the exit code.</summary>
    public static int Run(string modelPath, string onnxPath, CliOutput output)
    {
        var bytes = new MemoryStream();
        List<string> preprocessing;
        try
        {
            SavedModelOnnx.ExportNetwork(modelPath, bytes);
            preprocessing = Preprocessing(modelPath);
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or InvalidOperationException or ArgumentException)
        {
            throw new UserException(e.Message.StartsWith($"'{modelPath}'", StringComparison.Ordinal) ? $"--model: {e.Message}"
                : $"--model: '{modelPath}' is not a loadable ML.NET model zip: {e.Message}");
        }
        var graph = ModelProto.Parser.ParseFrom(bytes.ToArray());
        var input = graph.Graph.Input.Single();
        var outputs = graph.Graph.Output.Select(o => new { o.Name, Shape = Shape(o) }).ToList();
        // Written last, once everything about the model has been read: a model that fails leaves the target as it was.
        AtomicFile.Write(onnxPath, stream => bytes.WriteTo(stream));

        output.Line($"Wrote {onnxPath}: ONNX opset {graph.OpsetImport.Single(o => o.Domain.Length == 0).Version}, {bytes.Length:N0} bytes.");
        output.Line($"Input: '{input.Name}' {Shape(input)} (float).");
        output.Line($"Outputs: {string.Join(", ", outputs.Select(o => $"'{o.Name}' {o.Shape}"))}.");
        if (preprocessing.Count > 0)
            output.Line($"Not included: the model's preprocessing before the network ({string.Join(", ", preprocessing)}); feed the ONNX graph the '{input.Name}' vector it produces.");
        output.FinalJson(new
        {
            Command = "export",
            Model = modelPath,
            Onnx = onnxPath,
            Opset = graph.OpsetImport.Single(o => o.Domain.Length == 0).Version,
            Input = new { input.Name, Shape = Shape(input) },
            Outputs = outputs,
            Preprocessing = preprocessing,
            Metadata = graph.MetadataProps.ToDictionary(p => p.Key, p => p.Value),
        });
        return 0;
    }

    private static string Shape(ValueInfoProto value) =>
        "[" + string.Join(", ", value.Type.TensorType.Shape.Dim.Select(d => d.ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimParam ? d.DimParam : d.DimValue.ToString(System.Globalization.CultureInfo.InvariantCulture))) + "]";

    // The transforms that run before the network (the OnnxTransformer holding it), by type name.
    private static List<string> Preprocessing(string modelPath)
    {
        var ml = new MLContext(seed: 0).RegisterMLExt();
        var model = ml.Model.Load(modelPath, out _);
        PrivateTempFolder.RestrictFiles();
        try
        {
            return ModelFile.Flatten(model).Select(t => t.GetType().Name).TakeWhile(name => name != "OnnxTransformer").ToList();
        }
        finally
        {
            (model as IDisposable)?.Dispose();
        }
    }
}
