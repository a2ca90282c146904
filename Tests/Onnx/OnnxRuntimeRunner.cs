using Tensor = MLExt.Neural.Tensor;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace MLExt.Tests.Onnx;

/// <summary>Runs an ONNX model in ONNX Runtime, the independent reference for exported graphs.</summary>
internal static class OnnxRuntimeRunner
{
    /// <summary>Runs the model on one float input and returns every output by name, with its shape.</summary>
    public static Dictionary<string, (float[] Values, int[] Shape)> Run(byte[] model, string inputName, Tensor input)
    {
        using var session = new InferenceSession(model);
        var value = NamedOnnxValue.CreateFromTensor(inputName, new DenseTensor<float>(input.Span.ToArray(), input.Shape));
        using var results = session.Run([value]);
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
