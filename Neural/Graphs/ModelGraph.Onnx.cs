namespace MLExt.Neural;

public sealed partial class ModelGraph
{
    /// <summary>Reads an ONNX model as a graph (see <see cref="OnnxImport"/>), built and holding the file's weights.</summary>
    public static ModelGraph FromOnnx(string path) => OnnxImport.ReadGraph(path);
}
