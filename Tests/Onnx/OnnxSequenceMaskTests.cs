using MLExt.Neural;
using MLExt.Neural.Onnx;
using MLExt.Tests.Neural;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Tensor = MLExt.Neural.Tensor;

namespace MLExt.Tests.Onnx;

/// <summary>
/// The padding mask in exported graphs: a float value [N, time] named by <see cref="OnnxGraphBuilder.SequenceMask"/>
/// (set by the exporter of the layer that creates it; here by the test, as a graph input) masks the attention's keys
/// exactly as MLExt does, including a sequence with no real step.
/// </summary>
public class OnnxSequenceMaskTests
{
    private const int Time = 5, Width = 4;

    [Fact]
    public void MaskedAttentionAndTransformerBlocksMatchOnnxRuntime()
    {
        var network = new Network([new Dense(8), new SinusoidalPositionalEncoding(), new MultiHeadSelfAttention(2, 3),
            new TransformerEncoderBlock(8, 2, 12), new TransformerEncoderBlock(8, 4, 8, normFirst: false)]);
        var random = new RandomSource(5);
        network.Build([Time, Width], random);
        foreach (var p in network.Parameters)
            for (int i = 0; i < p.Value.Length; i++) p.Value[i] += 0.2f * random.NextGaussian();
        var x = TestTensors.Gaussian(random, [5, Time, Width], scale: 2f);
        var mask = new Tensor(5, Time);
        int[] lengths = [5, 3, 1, 0, 2];
        for (int b = 0; b < 5; b++)
            for (int t = 0; t < lengths[b]; t++) mask[b * Time + t] = 1f;

        var expected = x;
        foreach (var layer in network.Layers)
        {
            if (layer is ISequenceMaskConsumer consumer) consumer.SetInputMask(mask);
            expected = layer.Forward(expected, training: false);
        }

        var graph = new OnnxGraphBuilder("masked");
        graph.AddInput("x", [-1, Time, Width]);
        graph.SequenceMask = graph.AddInput("mask", [-1, Time]);
        graph.AddOutput(graph.AddAlias(NetworkOnnxExporter.AddLayers(graph, network, "x"), "y"), MLExt.Neural.Onnx.Proto.TensorProto.Types.DataType.Float, [-1, Time, 8]);
        using var session = new InferenceSession(Google.Protobuf.MessageExtensions.ToByteArray(graph.ToModel("masked attention")));
        using var results = session.Run([
            NamedOnnxValue.CreateFromTensor("x", new DenseTensor<float>(x.Span.ToArray(), x.Shape)),
            NamedOnnxValue.CreateFromTensor("mask", new DenseTensor<float>(mask.Span.ToArray(), mask.Shape)),
        ]);
        var actual = results.Single(r => r.Name == "y").AsTensor<float>().ToArray();

        TestTensors.AssertClose(expected.Span, actual, 1e-4, "masked sequence network");
    }
}
