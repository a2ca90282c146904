namespace MLExt.Neural.Onnx.Layers;

/// <summary>
/// Upsampling2D as ONNX Resize with scales [1, 1, sH, sW]: nearest with asymmetric coordinates and floor (output o reads
/// input ⌊o/s⌋), bilinear as linear with half-pixel coordinates (ONNX Runtime clamps at the border as MLExt does).
/// </summary>
internal static class Upsampling2DExporter
{
    public static string Export(Upsampling2D layer, string input, OnnxGraphBuilder graph)
    {
        var scales = graph.AddConstant("resize_scales", [4], [1f, 1f, layer.Size.Height, layer.Size.Width]);
        Proto.AttributeProto[] attributes = layer.Interpolation == UpsamplingInterpolation.Nearest
            ?
            [
                OnnxAttributes.Text("mode", "nearest"), OnnxAttributes.Text("coordinate_transformation_mode", "asymmetric"),
                OnnxAttributes.Text("nearest_mode", "floor"),
            ]
            : [OnnxAttributes.Text("mode", "linear"), OnnxAttributes.Text("coordinate_transformation_mode", "half_pixel")];
        return graph.AddNode("Resize", "upsampled", [input, "", scales], attributes); // "": no region of interest
    }
}
