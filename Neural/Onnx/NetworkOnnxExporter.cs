namespace MLExt.Neural.Onnx;

/// <summary>Adds a built network's layers to an ONNX graph, in order.</summary>
internal static class NetworkOnnxExporter
{
    /// <summary>
    /// Adds every layer reading <paramref name="input"/> (<c>[N, ...InputShape]</c>); returns the name of the
    /// network's output (<c>[N, ...OutputShape]</c>).
    /// </summary>
    /// <exception cref="InvalidOperationException">The network is not built.</exception>
    /// <exception cref="NotSupportedException">A layer cannot be exported; the message names its position and type.</exception>
    public static string AddLayers(OnnxGraphBuilder graph, Network network, string input)
    {
        if (!network.IsBuilt) throw new InvalidOperationException("The network is not built; build (train) it before exporting it.");
        var x = input;
        for (int i = 0; i < network.Layers.Count; i++)
        {
            var layer = network.Layers[i];
            try
            {
                x = graph.AddLayer(layer, x);
            }
            catch (NotSupportedException e)
            {
                throw new NotSupportedException($"Cannot export the network to ONNX: layer {i + 1} of {network.Layers.Count}. {e.Message}", e);
            }
        }
        return x;
    }

    /// <summary>The network alone as a model: float input <c>[N, ...InputShape]</c>, output <c>[N, ...OutputShape]</c>.</summary>
    public static Proto.ModelProto ToModel(Network network, string inputName, string outputName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(inputName);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputName);
        if (inputName == outputName) throw new ArgumentException($"The input and output need different names; both are '{inputName}'.", nameof(outputName));
        if (!network.IsBuilt) throw new InvalidOperationException("The network is not built; build (train) it before exporting it.");
        var graph = new OnnxGraphBuilder("mlext_network");
        graph.AddInput(inputName, Tensor.BatchShape(-1, network.InputShape));
        var output = graph.AddAlias(AddLayers(graph, network, inputName), outputName);
        graph.AddOutput(output, Proto.TensorProto.Types.DataType.Float, Tensor.BatchShape(-1, network.OutputShape));
        return graph.ToModel($"MLExt network: {network.Layers.Count} layers, {network.ParameterCount} parameters.");
    }
}
