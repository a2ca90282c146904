namespace MLExt.Neural;

public abstract partial class Layer
{
    /// <summary>A 2-D convolution with <paramref name="filters"/> output channels over images [channels, height, width]; see <see cref="Neural.Conv2D"/>.</summary>
    public static Layer Conv2D(int filters, Size2D kernelSize, Size2D? stride = null, Padding? padding = null, Activation activation = Neural.Activation.None,
        Size2D? dilation = null, int groups = 1, bool useBias = true) =>
        new Conv2D(filters, kernelSize, stride, padding, dilation, groups, activation, useBias);

    /// <summary>A transposed convolution with <paramref name="filters"/> output channels (upsampling by the stride); see <see cref="Neural.Conv2DTranspose"/>.</summary>
    public static Layer Conv2DTranspose(int filters, Size2D kernelSize, Size2D? stride = null, Padding? padding = null,
        Activation activation = Neural.Activation.None, Size2D? outputPadding = null, Size2D? dilation = null, bool useBias = true) =>
        new Conv2DTranspose(filters, kernelSize, stride, padding, outputPadding, dilation, activation, useBias);

    /// <summary>Enlarges images by integer factors, nearest or bilinear; see <see cref="Neural.Upsampling2D"/>.</summary>
    public static Layer Upsampling2D(Size2D? size = null, UpsamplingInterpolation interpolation = UpsamplingInterpolation.Nearest) =>
        new Upsampling2D(size, interpolation);

    /// <summary>A depthwise convolution: each channel convolved with its own <paramref name="depthMultiplier"/> filters; see <see cref="Neural.DepthwiseConv2D"/>.</summary>
    public static Layer DepthwiseConv2D(Size2D kernelSize, Size2D? stride = null, Padding? padding = null, int depthMultiplier = 1,
        Activation activation = Neural.Activation.None, Size2D? dilation = null, bool useBias = true) =>
        new DepthwiseConv2D(kernelSize, stride, padding, dilation, depthMultiplier, activation, useBias);

    /// <summary>A depthwise-separable convolution (depthwise k×k, then pointwise 1×1 to <paramref name="filters"/>); see <see cref="Neural.SeparableConv2D"/>.</summary>
    public static Layer SeparableConv2D(int filters, Size2D kernelSize, Size2D? stride = null, Padding? padding = null,
        Activation activation = Neural.Activation.None, int depthMultiplier = 1) =>
        new SeparableConv2D(filters, kernelSize, stride, padding, depthMultiplier: depthMultiplier, activation: activation);

    /// <summary>Max pooling over <paramref name="poolSize"/> windows (stride defaults to the pool size).</summary>
    public static Layer MaxPool2D(Size2D poolSize, Size2D? stride = null, Padding? padding = null) => new MaxPool2D(poolSize, stride, padding);

    /// <summary>Average pooling over <paramref name="poolSize"/> windows (stride defaults to the pool size).</summary>
    public static Layer AvgPool2D(Size2D poolSize, Size2D? stride = null, Padding? padding = null) => new AvgPool2D(poolSize, stride, padding);

    /// <summary>Global average pooling: [channels, height, width] → [channels].</summary>
    public static Layer GlobalAveragePool2D() => new GlobalAveragePool2D();

    /// <summary>Reshapes each sample to a vector (for a dense layer after convolutions).</summary>
    public static Layer Flatten() => new Flatten();

    /// <summary>Each sample reshaped to <paramref name="shape"/> (same values, row-major).</summary>
    public static Layer Reshape(params int[] shape) => new Reshape(shape);

    /// <summary>Batch normalisation per channel (dense features or image channels), with running statistics for inference.</summary>
    public static Layer BatchNormalization(float momentum = 0.99f, float epsilon = 1e-3f) => new BatchNormalization(momentum, epsilon);

    /// <summary>Layer normalisation of each sample over its last <paramref name="normalizedRank"/> dimensions.</summary>
    public static Layer LayerNormalization(int normalizedRank = 1, float epsilon = 1e-3f) => new LayerNormalization(normalizedRank, epsilon);

    /// <summary>A ResNet basic block: two k×k convolutions with batch norm and an identity or 1×1-projected shortcut.</summary>
    public static Layer ResidualBlock(int filters, Size2D? stride = null, Size2D? kernelSize = null, ResidualShortcut shortcut = ResidualShortcut.Auto) =>
        new ResidualBlock(filters, kernelSize, stride, shortcut);
}
