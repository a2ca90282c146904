using MLExt.Neural;

namespace MLExt.Tests.Neural.Graphs;

/// <summary>
/// A layer written the way a user writes one, outside MLExt: y = x ⊙ a for a learned vector a [features]
/// (each sample's last axis); dx = dy ⊙ a, da += Σ_rows dy ⊙ x. Registered with <see cref="LayerRegistry"/> and
/// <see cref="OnnxExporterRegistry"/> by <see cref="Register"/>.
/// </summary>
internal sealed class ScaleLayer : Layer
{
    private Parameter? _scale;
    private Tensor? _input, _output, _gradInput;

    public override string TypeName => "TestScale";

    public override IReadOnlyList<Parameter> Parameters => _scale is null ? [] : [_scale];

    protected override int[] OnComputeOutputShape(int[] inputShape) => inputShape;

    protected override int[] OnBuild(int[] inputShape, RandomSource random)
    {
        _scale = new Parameter("scale", [inputShape[^1]], isWeight: true);
        for (int i = 0; i < _scale.Value.Length; i++) _scale.Value[i] = 1f + 0.5f * random.NextGaussian();
        return inputShape;
    }

    public override Tensor Forward(Tensor input, bool training)
    {
        CheckInput(input);
        _input = input;
        var y = Tensor.Ensure(ref _output, input.Shape);
        int k = _scale!.Value.Length;
        for (int i = 0; i < input.Length; i++) y[i] = input[i] * _scale.Value[i % k];
        return y;
    }

    public override Tensor Backward(Tensor outputGradient)
    {
        var dx = Tensor.Ensure(ref _gradInput, outputGradient.Shape);
        int k = _scale!.Value.Length;
        for (int i = 0; i < dx.Length; i++)
        {
            dx[i] = outputGradient[i] * _scale.Value[i % k];
            _scale.Gradient[i % k] += outputGradient[i] * _input![i];
        }
        return dx;
    }

    public override LayerConfig GetConfig() => new("TestScale");

    private static readonly object Gate = new();

    /// <summary>Registers the layer type and its ONNX exporter (Mul by a constant) once per process.</summary>
    public static void Register()
    {
        lock (Gate)
        {
            LayerRegistry.Register("TestScale", _ => new ScaleLayer());
            if (!OnnxExporterRegistry.CanExport(typeof(ScaleLayer)))
                OnnxExporterRegistry.Register<ScaleLayer>((layer, input, onnx) =>
                    onnx.AddNode("Mul", [input, onnx.AddConstant("scale", layer.Parameters[0].Value.Shape, layer.Parameters[0].Value.Span)]));
        }
    }
}
