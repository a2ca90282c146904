using System.IO.Compression;
using Google.Protobuf;
using MLExt.Neural.Onnx;
using MLExt.Neural.Onnx.Proto;

namespace MLExt.Trainers;

/// <summary>
/// ONNX export from a saved ML.NET model zip. A saved MLExt network is an ONNX graph held by ML.NET's
/// OnnxTransformer (zip entry <c>…/OnnxModel</c>, an int32 byte count then the graph), in the one-row
/// form OnnxTransformer runs; this turns it back into the standalone form of
/// <see cref="NeuralNetworkTransformer.ExportOnnx"/>. Preprocessing done by other transforms of the
/// pipeline (normalisation, one-hot encoding) is not part of the network and is not exported.
/// </summary>
public static class SavedModelOnnx
{
    private const string OnnxEntry = "OnnxModel";

    /// <summary>
    /// Writes the MLExt network saved in <paramref name="modelPath"/> as a standard ONNX model (opset 17):
    /// input named after the feature column, <c>[N, ...features]</c>, and the task's outputs <c>[N, ...]</c>.
    /// </summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="InvalidDataException">The file is not a model zip, or it holds no (or several) MLExt networks.</exception>
    public static void ExportNetwork(string modelPath, Stream destination)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelPath);
        ArgumentNullException.ThrowIfNull(destination);
        ToStandalone(ReadRowGraph(modelPath)).WriteTo(destination);
    }

    /// <summary>The one MLExt row graph inside the zip.</summary>
    internal static ModelProto ReadRowGraph(string modelPath)
    {
        ModelZip.Check(modelPath);
        List<ModelProto> graphs;
        using (var zip = ZipFile.OpenRead(modelPath))
            graphs = zip.Entries.Where(e => e.Name == OnnxEntry).Select(e => ModelZip.ReadGraph(modelPath, e)).Where(IsMLExtRowGraph).ToList();
        return graphs.Count switch
        {
            1 => graphs[0],
            0 => throw new InvalidDataException($"'{modelPath}' holds no MLExt network: save a pipeline containing an MLExt neural-network model with mlContext.Model.Save."),
            _ => throw new InvalidDataException($"'{modelPath}' holds {graphs.Count} MLExt networks; export them from the trained transformers with NeuralNetworkTransformer.ExportOnnx."),
        };
    }

    private static bool IsMLExtRowGraph(ModelProto model) =>
        model.ProducerName == "MLExt" && model.Graph.Initializer.Any(t => t.Name == ModelOnnxExporter.RowFlatShape)
        && model.MetadataProps.Any(p => p.Key == ModelOnnxExporter.TaskKey);

    /// <summary>
    /// The row graph made batch-wise: each input <c>[N, ...shape]</c> (the shape its one-row reshape targets),
    /// outputs <c>[N, size]</c>, slot-name marker nodes moved into metadata.
    /// </summary>
    internal static ModelProto ToStandalone(ModelProto row)
    {
        var model = row.Clone();
        var graph = model.Graph;
        // The network's second copy serves explanations of the zip only; the exported file carries the graph alone.
        foreach (var entry in model.MetadataProps.Where(p => p.Key == SavedNetwork.MetadataKey).ToList()) model.MetadataProps.Remove(entry);
        var flatShape = graph.Initializer.Single(t => t.Name == ModelOnnxExporter.RowFlatShape);
        // Reshape(x, [-1, ...shape]) keeps a batch; Reshape(y, [0, -1]) keeps y's batch dimension and flattens the rest.
        foreach (var batchShape in graph.Initializer.Where(t => ModelOnnxExporter.IsBatchShape(t.Name)))
        {
            batchShape.Int64Data[0] = -1;
            // The one-row reshape reads the graph input first and its shape second.
            var reshape = graph.Node.Single(n => n.OpType == "Reshape" && n.Input.Count == 2 && n.Input[1] == batchShape.Name);
            SetDims(graph.Input.Single(i => i.Name == reshape.Input[0]), batchShape.Int64Data.Skip(1));
        }
        flatShape.Int64Data.Clear();
        flatShape.Int64Data.Add([0, -1]);
        flatShape.Dims[0] = 2;
        foreach (var marker in graph.Node.Where(n => n.Name.StartsWith("mlnet.", StringComparison.Ordinal) && n.Name.EndsWith(".SlotNames", StringComparison.Ordinal)).ToList())
        {
            string column = marker.Name["mlnet.".Length..^".SlotNames".Length];
            var names = marker.Attribute.Single(a => a.Name == "keys_strings").Strings.Select(s => s.ToStringUtf8());
            model.MetadataProps.Add(ModelOnnxExporter.SlotNamesEntry(column, names));
            graph.Node.Remove(marker);
            foreach (string value in marker.Input) graph.Initializer.Remove(graph.Initializer.Single(t => t.Name == value));
            foreach (string value in marker.Output) graph.Output.Remove(graph.Output.Single(o => o.Name == value));
        }
        foreach (var output in graph.Output)
            SetDims(output, output.Type.TensorType.Shape.Dim.Select(d => d.DimValue).ToArray());
        if (graph.Name.EndsWith("_row", StringComparison.Ordinal)) graph.Name = graph.Name[..^"_row".Length];
        foreach (var unused in model.OpsetImport.Where(o => o.Domain.Length > 0 && !graph.Node.Any(n => n.Domain == o.Domain)).ToList())
            model.OpsetImport.Remove(unused);
        return model;
    }

    // Dimensions [N, ...perRow].
    private static void SetDims(ValueInfoProto value, IEnumerable<long> perRow)
    {
        var shape = value.Type.TensorType.Shape;
        var dims = perRow.ToArray();
        shape.Dim.Clear();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = OnnxGraphBuilder.BatchDimension });
        foreach (long d in dims) shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = d });
    }
}
