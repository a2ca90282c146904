using System.Numerics.Tensors;

namespace MLExt.Neural;

/// <summary>Global average pooling: [channels, height, width] → [channels], y[c] = (1/HW) Σ_{h,w} x[c, h, w]; dx[c, h, w] = dy[c] / HW.</summary>
public sealed class GlobalAveragePool2D : Layer
{
    private Tensor? _output, _gradInput;

    /// <inheritdoc/>
    protected override int[] OnBuild(int[] inputShape, RandomSource random) => [ImageInput.Dimensions(nameof(GlobalAveragePool2D), inputShape).Channels];

    private int Plane => InputShape[1] * InputShape[2];

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, bool training)
    {
        CheckInput(input);
        int channels = OutputShape[0], plane = Plane;
        var y = Tensor.Ensure(ref _output, input.Rows, channels);
        for (int i = 0; i < y.Length; i++) y[i] = TensorPrimitives.Sum(input.Span.Slice(i * plane, plane)) / plane;
        return y;
    }

    /// <inheritdoc/>
    public override Tensor Backward(Tensor outputGradient)
    {
        int plane = Plane;
        var dx = Tensor.Ensure(ref _gradInput, outputGradient.Rows, InputShape);
        for (int i = 0; i < outputGradient.Length; i++) dx.Span.Slice(i * plane, plane).Fill(outputGradient[i] / plane);
        return dx;
    }

    /// <inheritdoc/>
    public override LayerConfig GetConfig() => new(nameof(GlobalAveragePool2D));

    internal static GlobalAveragePool2D Create(LayerConfig config) => new();
}
