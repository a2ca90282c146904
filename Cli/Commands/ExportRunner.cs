using MLExt.IO;
using Microsoft.ML;
using MLExt.Cli.Output;
using MLExt.Cli.Training;
using MLExt.Neural;
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
        var model = OnnxModelSummary.Read(bytes.ToArray());
        var inputs = model.Inputs.Select(v => new { v.Name, Shape = v.ShapeText, v.ElementType }).ToList();
        var outputs = model.Outputs.Select(v => new { v.Name, Shape = v.ShapeText }).ToList();
        // Written last, once everything about the model has been read: a model that fails leaves the target as it was.
        AtomicFile.Write(onnxPath, stream => bytes.WriteTo(stream));

        output.Line($"Wrote {onnxPath}: ONNX opset {model.Opset}, {bytes.Length:N0} bytes.");
        output.Line($"{(inputs.Count == 1 ? "Input" : "Inputs")}: {string.Join(", ", inputs.Select(i => $"'{i.Name}' {i.Shape} ({i.ElementType})"))}.");
        output.Line($"Outputs: {string.Join(", ", outputs.Select(o => $"'{o.Name}' {o.Shape}"))}.");
        if (preprocessing.Count > 0)
            output.Line($"Not included: the model's preprocessing before the network ({string.Join(", ", preprocessing)}); " +
                $"feed the ONNX graph the {string.Join(", ", inputs.Select(i => $"'{i.Name}'"))} tensor(s) it produces.");
        output.FinalJson(new
        {
            Command = "export",
            Model = modelPath,
            Onnx = onnxPath,
            model.Opset,
            Input = inputs.Count == 1 ? new { inputs[0].Name, inputs[0].Shape } : null,
            Inputs = inputs,
            Outputs = outputs,
            Preprocessing = preprocessing,
            model.Metadata,
        });
        return 0;
    }

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
