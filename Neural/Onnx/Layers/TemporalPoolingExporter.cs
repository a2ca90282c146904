using MLExt.Neural.Onnx.Proto;

namespace MLExt.Neural.Onnx.Layers;

/// <summary>
/// Temporal pooling as ONNX over axis 1 of <c>[N, time, features]</c>. Without a mask: ReduceMean or ReduceMax. With
/// the graph's mask m: mean = ReduceSum(x ⊙ m) / max(Σm, 1); max = ReduceMax(Where(m, x, −float.MaxValue)), 0 where Σm = 0.
/// The mask ends here.
/// </summary>
internal static class TemporalPoolingExporter
{
    public static string Export(TemporalPooling layer, string input, OnnxGraphBuilder graph)
    {
        bool max = layer is TemporalMaxPooling;
        var mask = graph.SequenceMask;
        graph.SequenceMask = null;
        if (mask is null)
            return graph.AddNode(max ? "ReduceMax" : "ReduceMean", "temporal_pool", [input], OnnxAttributes.Ints("axes", [1]), OnnxAttributes.Int("keepdims", 0));
        string timeAxis = graph.AddInt64Constant("time_axis", [1]);
        string mask3 = graph.AddNode("Unsqueeze", "mask_steps", [mask, graph.AddInt64Constant("feature_axis", [2])]);
        string count = graph.AddNode("ReduceSum", "real_steps", [mask, timeAxis], OnnxAttributes.Int("keepdims", 1));
        if (!max)
        {
            string sum = graph.AddNode("ReduceSum", "masked_sum", [graph.AddNode("Mul", "masked", [input, mask3]), timeAxis], OnnxAttributes.Int("keepdims", 0));
            return graph.AddNode("Div", "temporal_mean", [sum, graph.AddNode("Max", "real_steps_at_least_1", [count, graph.AddScalar("one", 1f)])]);
        }
        string isReal = graph.AddNode("Cast", "is_real", [mask3], OnnxAttributes.Int("to", (long)TensorProto.Types.DataType.Bool));
        string masked = graph.AddNode("Where", "masked", [isReal, input, graph.AddScalar("lowest", -float.MaxValue)]);
        string largest = graph.AddNode("ReduceMax", "masked_max", [masked], OnnxAttributes.Ints("axes", [1]), OnnxAttributes.Int("keepdims", 0));
        string any = graph.AddNode("Greater", "has_real_steps", [count, graph.AddScalar("zero", 0f)]);
        return graph.AddNode("Where", "temporal_max", [any, largest, graph.AddScalar("zero", 0f)]);
    }
}
