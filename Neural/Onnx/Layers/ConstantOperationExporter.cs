namespace MLExt.Neural.Onnx.Layers;

/// <summary>ConstantOperation as ONNX Add, Sub, Mul or Div with the constant as an initialiser (ONNX broadcasts it
/// right-aligned, as the layer does).</summary>
internal static class ConstantOperationExporter
{
    public static string Export(ConstantOperation layer, string input, OnnxGraphBuilder graph)
    {
        string c = graph.AddConstant("constant", layer.ConstantShape, layer.Constant.Value.Span);
        return layer.Operator switch
        {
            ConstantOperator.Add => graph.AddNode("Add", "add_constant", [input, c]),
            ConstantOperator.Subtract => graph.AddNode("Sub", "sub_constant", [input, c]),
            ConstantOperator.SubtractFrom => graph.AddNode("Sub", "constant_sub", [c, input]),
            ConstantOperator.Multiply => graph.AddNode("Mul", "mul_constant", [input, c]),
            _ => graph.AddNode("Div", "div_constant", [input, c]),
        };
    }
}
