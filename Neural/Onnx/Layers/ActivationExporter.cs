namespace MLExt.Neural.Onnx.Layers;

/// <summary>An activation as ONNX operators; shared by layers with a fused activation.</summary>
internal static class ActivationExporter
{
    private const float GeluC = 0.7978845608f; // √(2/π), as in Neural/Activations/Gelu.cs
    private const float GeluA = 0.044715f;

    /// <summary>Adds y = f(x) and returns y's name (x's own name for the identity).</summary>
    public static string Add(OnnxGraphBuilder graph, Activation activation, float alpha, string x)
    {
        var function = ActivationFunction.Create(activation, alpha);
        return activation switch
        {
            Activation.None => x,
            Activation.Sigmoid => graph.AddNode("Sigmoid", "sigmoid", [x]),
            Activation.Tanh => graph.AddNode("Tanh", "tanh", [x]),
            Activation.Relu => graph.AddNode("Relu", "relu", [x]),
            Activation.LeakyRelu => graph.AddNode("LeakyRelu", "leaky_relu", [x], OnnxAttributes.Float("alpha", function.Alpha)),
            Activation.Elu => graph.AddNode("Elu", "elu", [x], OnnxAttributes.Float("alpha", function.Alpha)),
            // Softmax over the last dimension, as MLExt's softmax normalises each row.
            Activation.Softmax => graph.AddNode("Softmax", "softmax", [x], OnnxAttributes.Int("axis", -1)),
            Activation.Gelu => AddGelu(graph, x),
            _ => throw new NotSupportedException($"the activation {activation} has no ONNX form."),
        };
    }

    // y = ½x(1 + tanh(√(2/π)(x + 0.044715x³))), the tanh approximation MLExt computes (opset 17 has no Gelu operator).
    private static string AddGelu(OnnxGraphBuilder graph, string x)
    {
        string square = graph.AddNode("Mul", "gelu_x2", [x, x]);
        string cube = graph.AddNode("Mul", "gelu_x3", [square, x]);
        string scaledCube = graph.AddNode("Mul", "gelu_ax3", [cube, graph.AddScalar("gelu_a", GeluA)]);
        string inner = graph.AddNode("Add", "gelu_inner", [x, scaledCube]);
        string u = graph.AddNode("Mul", "gelu_u", [inner, graph.AddScalar("gelu_c", GeluC)]);
        string t = graph.AddNode("Tanh", "gelu_tanh", [u]);
        string onePlusT = graph.AddNode("Add", "gelu_1pt", [t, graph.AddScalar("gelu_one", 1f)]);
        string halfX = graph.AddNode("Mul", "gelu_half_x", [x, graph.AddScalar("gelu_half", 0.5f)]);
        return graph.AddNode("Mul", "gelu", [halfX, onePlusT]);
    }
}
