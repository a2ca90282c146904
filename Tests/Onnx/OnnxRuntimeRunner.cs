using Tensor = MLExt.Neural.Tensor;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace MLExt.Tests.Onnx;

/// <summary>Runs an ONNX model in ONNX Runtime, the independent reference for exported graphs.</summary>
internal static class OnnxRuntimeRunner
{
    /// <summary>Runs the model on one float input and returns every output by name, with its shape.</summary>
    public static Dictionary<string, (float[] Values, int[] Shape)> Run(byte[] model, string inputName, Tensor input) =>
        Run(model, new Dictionary<string, Tensor> { [inputName] = input });

    /// <summary>Runs the model on several named float inputs and returns every output by name, with its shape.</summary>
    public static Dictionary<string, (float[] Values, int[] Shape)> Run(byte[] model, IReadOnlyDictionary<string, Tensor> inputs)
    {
        using var session = new InferenceSession(model);
        var values = inputs.Select(i => NamedOnnxValue.CreateFromTensor(i.Key, new DenseTensor<float>(i.Value.Span.ToArray(), i.Value.Shape))).ToArray();
        using var results = session.Run(values);
        var outputs = new Dictionary<string, (float[], int[])>();
        foreach (var result in results)
        {
            if (result.Value is Microsoft.ML.OnnxRuntime.Tensors.Tensor<float> floats)
                outputs[result.Name] = (floats.ToArray(), floats.Dimensions.ToArray());
            else if (result.Value is Microsoft.ML.OnnxRuntime.Tensors.Tensor<long> longs)
                outputs[result.Name] = (longs.ToArray().Select(v => (float)v).ToArray(), longs.Dimensions.ToArray());
        }
        return outputs;
    }

    /// <summary>The op types of the model's nodes, in order.</summary>
    public static string[] OperatorTypes(byte[] model) =>
        MLExt.Neural.Onnx.Proto.ModelProto.Parser.ParseFrom(model).Graph.Node.Select(n => n.OpType).ToArray();
}
