using System.Text.Json;
using MLExt.Neural;
using MLExt.Neural.Onnx;
using MLExt.Neural.Onnx.Proto;

namespace MLExt.Trainers;

/// <summary>
/// A trained <see cref="NeuralNetworkTransformer"/> as an ONNX model: the network, then its head's outputs
/// (multiclass: <c>Score</c> probabilities and <c>PredictedLabel</c>, the 0-based index of the largest logit;
/// binary: <c>Score</c> logit and <c>Probability</c>; regression: <c>Score</c>). The inputs are named after the
/// columns read.
/// </summary>
internal static class ModelOnnxExporter
{
    /// <summary>Metadata key holding the task (<c>multiclass</c>, <c>binary</c>, <c>regression</c>).</summary>
    public const string TaskKey = "mlext.task";

    /// <summary>The row graph's constants that make a one-row batch of the input and flatten each output.</summary>
    public const string RowBatchShape = "mlext.batch_shape", RowFlatShape = "mlext.flat_shape";

    /// <summary>Metadata entry holding an output's slot names as a JSON array.</summary>
    public static StringStringEntryProto SlotNamesEntry(string output, IEnumerable<string> names) =>
        new() { Key = $"mlext.slot_names.{output}", Value = JsonSerializer.Serialize(names) };

    /// <summary>
    /// The standalone model: input <c>[N, ...InputShape]</c>, outputs <c>[N, ...]</c>, class names in the
    /// metadata entry <c>mlext.slot_names.Score</c> (a JSON array).
    /// </summary>
    public static ModelProto Standalone(NeuralNetworkTransformer model)
    {
        var graph = new OnnxGraphBuilder("mlext_" + model.Task);
        var inputs = model.Bindings.Select(b => graph.AddInput(b.Column, Tensor.BatchShape(-1, b.Shape))).ToArray();
        var outputs = model.Head.AddOnnxOutputs(graph, AddModel(graph, model, inputs));
        foreach (var output in outputs)
            graph.AddOutput(graph.AddAlias(output.Value, output.Name), output.Type, Tensor.BatchShape(-1, output.RowShape));
        var proto = graph.ToModel(Describe(model));
        proto.MetadataProps.Add(new StringStringEntryProto { Key = TaskKey, Value = model.Task });
        foreach (var output in outputs.Where(o => o.SlotNames is not null))
            proto.MetadataProps.Add(SlotNamesEntry(output.Name, output.SlotNames!));
        return proto;
    }

    /// <summary>
    /// The model ML.NET's <c>OnnxTransformer</c> runs row by row: one input per column read (the flat vector), every
    /// output flattened to one dimension so that it becomes a known-size vector column, and
    /// slot names attached in the form OnnxTransformer reads (a marker node named <c>mlnet.{column}.SlotNames</c>).
    /// </summary>
    /// <returns>The model and the names of its outputs (the columns OnnxTransformer adds).</returns>
    public static (ModelProto Model, string[] Outputs) ForMLNet(NeuralNetworkTransformer model)
    {
        var graph = new OnnxGraphBuilder("mlext_" + model.Task + "_row");
        var inputs = model.Bindings.Select(b =>
        {
            string input = graph.AddInput(b.Column, [b.Size]);
            string shape = graph.AddInt64Constant(BatchShapeName(model, b), [1, .. b.Shape.Select(d => (long)d)]);
            return graph.AddNode("Reshape", "batch_of_one", [input, shape]);
        }).ToArray();
        var outputs = model.Head.AddOnnxOutputs(graph, AddModel(graph, model, inputs));
        AddRowOutputs(graph, outputs);
        var proto = graph.ToModel(Describe(model));
        proto.MetadataProps.Add(new StringStringEntryProto { Key = TaskKey, Value = model.Task });
        // The layers and weights once more, for explanations: a loaded OnnxTransformer runs the graph but has no gradient.
        // Explanations read a chain of layers; a model graph is saved without this copy.
        if (!model.IsGraph)
            proto.MetadataProps.Add(new StringStringEntryProto { Key = SavedNetwork.MetadataKey, Value = SavedNetwork.Write(model) });
        return (proto, outputs.Select(o => o.Name).ToArray());
    }

    /// <summary>
    /// Declares <paramref name="outputs"/> (<c>[1, ...RowShape]</c>) as the graph's outputs for ML.NET's <c>OnnxTransformer</c>:
    /// each flattened to one dimension under its column's name, with its slot names attached.
    /// </summary>
    internal static void AddRowOutputs(OnnxGraphBuilder graph, IEnumerable<OnnxHeadOutput> outputs)
    {
        string flat = graph.AddInt64Constant(RowFlatShape, [-1]);
        foreach (var output in outputs)
        {
            string row = graph.AddNode("Reshape", output.Name + "_row", [output.Value, flat]);
            graph.AddOutput(graph.AddAlias(row, output.Name), output.Type, [Tensor.Product(output.RowShape)]);
            if (output.SlotNames is not null) AddSlotNamesMarker(graph, output.Name, output.SlotNames);
        }
    }

    /// <summary>Whether <paramref name="initializer"/> is a row graph's one-row shape of an input (see <see cref="BatchShapeName"/>).</summary>
    public static bool IsBatchShape(string initializer) =>
        initializer == RowBatchShape || initializer.StartsWith(RowBatchShape + ".", StringComparison.Ordinal);

    // A chain of layers keeps the one name older saved models have; a graph has one shape per input, named after its column.
    private static string BatchShapeName(NeuralNetworkTransformer model, ColumnBinding binding) =>
        model.IsGraph ? $"{RowBatchShape}.{binding.Column}" : RowBatchShape;

    // The network's nodes after the input values; returns the trained output's value.
    private static string AddModel(OnnxGraphBuilder graph, NeuralNetworkTransformer model, string[] inputs) => model.IsGraph
        ? GraphOnnxExporter.AddNodes(graph, model.Graph, inputs)[model.OutputIndex]
        : NetworkOnnxExporter.AddLayers(graph, model.Network, inputs[0]);

    // ML.NET's OnnxTransformer gives column C slot names from the keys_strings attribute of a node named
    // "mlnet.C.SlotNames", the form ML.NET's own ONNX converter writes: a LabelEncoder on a one-string constant
    // whose output is a graph output OnnxTransformer skips ("mlnet.C.unusedOutput").
    private static void AddSlotNamesMarker(OnnxGraphBuilder graph, string column, string[] slotNames)
    {
        string input = graph.AddStringConstant($"mlnet.{column}.unusedInput", [1, 1], ["one"]);
        string output = graph.UniqueName($"mlnet.{column}.unusedOutput");
        graph.AddNamedNode($"mlnet.{column}.SlotNames", "LabelEncoder", OnnxDomains.ML, [input], [output],
            OnnxAttributes.Texts("keys_strings", slotNames),
            OnnxAttributes.Ints("values_int64s", Enumerable.Range(0, slotNames.Length).Select(i => (long)i)));
        graph.AddOutput(output, TensorProto.Types.DataType.Int64, [1, 1]);
    }

    private static string Describe(NeuralNetworkTransformer model) =>
        $"MLExt {model.Task} network: {model.Graph.Layers.Count} layers, {model.Graph.ParameterCount} parameters, " +
        string.Join(", ", model.Bindings.Select(b => $"{(b.FromGraph ? $"input '{b.Input}' reads" : "features")} '{b.Column}' {Tensor.FormatShape(b.Shape)}")) + ".";
}
