namespace MLExt.Neural;

/// <summary>
/// Builds the generator and the discriminator of a <see cref="GanArchitecture"/> for images [channels, height, width]
/// with pixels in [−1, 1] (G ends in tanh). A conditional pair (classes ≥ 2) reads a one-hot class: G concatenates
/// it to the noise; D concatenates it to the flattened pixels (MLP) or, as a learned 1-channel label map (dense →
/// reshape), to the image's channels (DCGAN). Inputs and outputs are named as <see cref="GanNames"/> says.
/// </summary>
public static class GanModels
{
    private const float LeakySlope = 0.2f;

    /// <summary>The generator: inputs <see cref="GanNames.Noise"/> [noiseSize] (and <see cref="GanNames.Class"/>
    /// [classes]), output <see cref="GanNames.Image"/> [imageShape].</summary>
    /// <remarks>The size parameter <c>width</c>: the DCGAN's base number of filters (G's first transposed convolution
    /// has width, its dense layer 2·width maps); the MLP's hidden layers are 4·width and 8·width units (64 gives
    /// DCGAN's and the usual MLP GAN's sizes).</remarks>
    /// <exception cref="ArgumentException">The image is not [channels, height, width] (height and width divisible by 4
    /// for the DCGAN), or a size is out of range.</exception>
    public static ModelGraph Generator(GanArchitecture architecture, int noiseSize, int classes, int[] imageShape, int width, RandomSource random)
    {
        var (channels, height, imageWidth) = CheckShape(architecture, noiseSize, classes, imageShape, width);
        var g = new GraphBuilder();
        var z = g.Input(GanNames.Noise, noiseSize);
        var input = classes > 0 ? g.Concatenate(-1, z, g.Input(GanNames.Class, classes)) : z;
        GraphNode image;
        if (architecture == GanArchitecture.Mlp)
        {
            image = g.Apply(input, new Dense(4 * width), Leaky(), new Dense(8 * width), Leaky(),
                new Dense(channels * height * imageWidth, Activation.Tanh), new Reshape(imageShape));
        }
        else
        {
            int h = height / 4, w = imageWidth / 4;
            image = g.Apply(input, new Dense(2 * width * h * w, useBias: false), new Reshape(2 * width, h, w),
                new BatchNormalization(momentum: 0.9f, epsilon: 1e-5f), new ActivationLayer(Activation.Relu),
                TransposedConvolution(width, useBias: false), new BatchNormalization(momentum: 0.9f, epsilon: 1e-5f),
                new ActivationLayer(Activation.Relu), TransposedConvolution(channels, useBias: true), new ActivationLayer(Activation.Tanh));
        }
        g.Output(GanNames.Image, image);
        return g.Build(random);
    }

    /// <summary>The discriminator: inputs <see cref="GanNames.Image"/> [imageShape] (and <see cref="GanNames.Class"/>
    /// [classes]), output <see cref="GanNames.Logit"/> [1].</summary>
    /// <exception cref="ArgumentException">As for <see cref="Generator"/>.</exception>
    public static ModelGraph Discriminator(GanArchitecture architecture, int classes, int[] imageShape, int width, RandomSource random)
    {
        var (_, height, imageWidth) = CheckShape(architecture, 1, classes, imageShape, width);
        var g = new GraphBuilder();
        var image = g.Input(GanNames.Image, imageShape);
        var label = classes > 0 ? g.Input(GanNames.Class, classes) : null;
        GraphNode logit;
        if (architecture == GanArchitecture.Mlp)
        {
            var pixels = g.Apply(new Flatten(), image);
            var input = label is null ? pixels : g.Concatenate(-1, pixels, label);
            logit = g.Apply(input, new Dense(8 * width), Leaky(), new Dense(4 * width), Leaky(), new Dense(1));
        }
        else
        {
            var input = label is null ? image
                : g.Concatenate(0, image, g.Apply(label, new Dense(height * imageWidth), new Reshape(1, height, imageWidth)));
            logit = g.Apply(input, StridedConvolution(width), Leaky(), StridedConvolution(2 * width),
                new BatchNormalization(momentum: 0.9f, epsilon: 1e-5f), Leaky(), new Flatten(), new Dense(1));
        }
        g.Output(GanNames.Logit, logit);
        return g.Build(random);
    }

    private static ActivationLayer Leaky() => new(Activation.LeakyRelu, LeakySlope);

    // 4×4, stride 2, padding 1: halves height and width
    private static Conv2D StridedConvolution(int filters) => new(filters, 4, stride: 2, padding: Padding.Explicit(1));

    // 4×4, stride 2, padding 1: doubles height and width
    private static Layer TransposedConvolution(int filters, bool useBias) =>
        new Conv2DTranspose(filters, 4, stride: 2, padding: Padding.Explicit(1), useBias: useBias);

    private static (int Channels, int Height, int Width) CheckShape(GanArchitecture architecture, int noiseSize, int classes, int[] imageShape, int width)
    {
        ArgumentNullException.ThrowIfNull(imageShape);
        SettingCheck.AtLeastOne(noiseSize, nameof(noiseSize));
        SettingCheck.AtLeastZero(classes, nameof(classes));
        SettingCheck.Require(classes != 1, nameof(classes), classes, "0 (unconditional) or at least 2");
        SettingCheck.AtLeastOne(width, nameof(width));
        if (imageShape is not [> 0, > 0, > 0])
            throw new ArgumentException($"GAN images must be [channels, height, width], got {Tensor.FormatShape(imageShape)}.", nameof(imageShape));
        if (architecture == GanArchitecture.Dcgan && (imageShape[1] % 4 != 0 || imageShape[2] % 4 != 0))
            throw new ArgumentException($"The DCGAN doubles 1/4-size maps twice, so the image height and width must be multiples of 4; " +
                $"got {Tensor.FormatShape(imageShape)}.", nameof(imageShape));
        return (imageShape[0], imageShape[1], imageShape[2]);
    }
}
