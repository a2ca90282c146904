using MLExt.Neural;
using MLExt.Neural.Kernels;

namespace MLExt.Tests.Neural.Images;

public class Conv2DTests
{
    public static TheoryData<string> Configurations() =>
    [
        "plain", "same", "stride", "explicit", "dilation", "groups", "relu-no-bias", "rectangular",
    ];

    private static Conv2D Make(string name) => name switch
    {
        "plain" => new Conv2D(3, 3),
        "same" => new Conv2D(2, 3, padding: Padding.Same, biasInitializer: new Constant(0.1f)),
        "stride" => new Conv2D(2, 3, stride: 2, padding: Padding.Same),
        "explicit" => new Conv2D(2, new Size2D(2, 3), stride: new Size2D(1, 2), padding: Padding.Explicit(1, 0, 2, 1)),
        "dilation" => new Conv2D(2, 2, dilation: 2, padding: Padding.Same),
        "groups" => new Conv2D(4, 3, groups: 2, padding: Padding.Same),
        "relu-no-bias" => new Conv2D(3, 3, activation: Activation.Tanh, useBias: false),
        "rectangular" => new Conv2D(2, new Size2D(3, 1), padding: Padding.Valid),
        _ => throw new ArgumentException(name),
    };

    private static readonly int[] Input = [2, 5, 6];

    [Theory]
    [MemberData(nameof(Configurations))]
    public void Conforms(string configuration)
    {
        var probe = Make(configuration);
        int perFilter = Input[0] / probe.Groups * probe.KernelSize.Height * probe.KernelSize.Width;
        LayerConformance.CheckAll(() => Make(configuration), Input, probe.Filters * perFilter + (probe.UseBias ? probe.Filters : 0));
    }

    [Fact]
    public void ReluConformsAwayFromKinks() =>
        LayerConformance.CheckAll(() => new Conv2D(2, 2, activation: Activation.Relu, biasInitializer: new Constant(0.05f)), [1, 4, 4], 2 * 4 + 2);

    [Theory]
    [MemberData(nameof(Configurations))]
    public void ForwardMatchesTheDefinition(string configuration)
    {
        var conv = Make(configuration);
        conv.Build(Input, new RandomSource(3));
        if (conv.Bias is not null) TestTensors.Gaussian(new RandomSource(4), [conv.Filters]).Span.CopyTo(conv.Bias.Value.Span);
        var x = TestTensors.Gaussian(new RandomSource(5), [3, .. Input]);
        var y = conv.Forward(x, training: false);

        var expected = ReferenceConvolution.Compute(x, conv.Kernel.Value.Span.ToArray(), conv.Bias?.Value.Span.ToArray(), conv.Filters, conv.Groups,
            (conv.KernelSize.Height, conv.KernelSize.Width), (conv.Stride.Height, conv.Stride.Width), (conv.Dilation.Height, conv.Dilation.Width),
            conv.ResolvedPadding, (conv.OutputShape[1], conv.OutputShape[2]));
        if (conv.Activation == Activation.Tanh) expected = expected.Select(MathF.Tanh).ToArray();
        TestTensors.AssertClose(expected, y.Span, 1e-5, $"{conv} output");
    }

    [Theory]
    [InlineData(28, 28, 5, 1, "same", 28)]
    [InlineData(28, 28, 5, 1, "valid", 24)]
    [InlineData(7, 7, 3, 2, "same", 4)]
    [InlineData(8, 8, 3, 2, "same", 4)]
    [InlineData(7, 7, 3, 2, "valid", 3)]
    [InlineData(5, 5, 3, 1, "1,1,1,1", 5)]
    public void OutputSizeFollowsPaddingAndStride(int height, int width, int kernel, int stride, string padding, int expected)
    {
        var conv = new Conv2D(4, kernel, stride, Padding.Parse(padding));
        Assert.Equal([4, expected, expected], conv.Build([1, height, width], new RandomSource(1)));
    }

    [Fact]
    public void SameWithStrideTwoPadsTheExtraRowAtTheBottom()
    {
        var conv = new Conv2D(1, 2, stride: 2, padding: Padding.Same);
        conv.Build([1, 3, 3], new RandomSource(1));
        Assert.Equal((0, 0), conv.ResolvedPadding);
        Assert.Equal([1, 2, 2], conv.OutputShape);
    }

    [Fact]
    public void KnownValues()
    {
        // x = [[1,2,3],[4,5,6],[7,8,9]], W = [[1,0],[0,−1]], b = 0.5: y = x[i,j] − x[i+1,j+1] + 0.5 = −3.5 everywhere.
        var conv = new Conv2D(1, 2, biasInitializer: new Constant(0.5f));
        conv.Build([1, 3, 3], new RandomSource(1));
        float[] w = [1, 0, 0, -1];
        w.CopyTo(conv.Kernel.Value.Span);
        var y = conv.Forward(new Tensor([1f, 2, 3, 4, 5, 6, 7, 8, 9], 1, 1, 3, 3), training: false);
        Assert.Equal([-3.5f, -3.5f, -3.5f, -3.5f], y.Span.ToArray());
    }

    [Fact]
    public void LargeBatchesSpanSeveralGemmChunksAndAgreeWithSingleImages()
    {
        // 800 column rows (32 channels × 5 × 5) × 196 positions: 13 images per GEMM, so 40 images take four chunks.
        var conv = new Conv2D(8, 5, padding: Padding.Same);
        conv.Build([32, 14, 14], new RandomSource(1));
        var x = TestTensors.Gaussian(new RandomSource(2), [40, 32, 14, 14]);
        var batch = conv.Forward(x, training: true).Clone();
        var dy = TestTensors.Gaussian(new RandomSource(3), batch.Shape);
        var dxBatch = conv.Backward(dy).Clone();
        var gradBatch = conv.Kernel.Gradient.Clone();

        conv.ZeroGradients();
        int inSize = 32 * 14 * 14;
        for (int s = 0; s < 40; s++)
        {
            var one = new Tensor(x.Row(s).ToArray(), 1, 32, 14, 14);
            TestTensors.AssertClose(batch.Row(s), conv.Forward(one, training: true).Span, 1e-5, $"image {s} output");
            var dx = conv.Backward(new Tensor(dy.Row(s).ToArray(), 1, 8, 14, 14));
            TestTensors.AssertClose(dxBatch.Span.Slice(s * inSize, inSize), dx.Span, 1e-5, $"image {s} input gradient");
        }
        TestTensors.AssertClose(gradBatch.Span, conv.Kernel.Gradient.Span, 1e-4, "kernel gradient summed over single images");
    }

    [Fact]
    public void NonImageInputIsRejectedWithTheShape()
    {
        var error = Assert.Throws<ArgumentException>(() => new Conv2D(2, 3).Build([784], new RandomSource(1)));
        Assert.Contains("[784]", error.Message);
        Assert.Contains("[channels, height, width]", error.Message);
    }

    [Fact]
    public void KernelLargerThanThePaddedImageIsRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new Conv2D(2, 5).Build([1, 3, 3], new RandomSource(1)));
        Assert.Contains("5×5", error.Message);
        Assert.Contains("3×3", error.Message);
    }

    [Fact]
    public void ChannelsNotDivisibleByGroupsAreRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new Conv2D(4, 3, groups: 2).Build([3, 5, 5], new RandomSource(1)));
        Assert.Contains("3", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Conv2D(3, 3, groups: 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Conv2D(0, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Conv2D(2, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Conv2D(2, 3, stride: new Size2D(1, 0)));
    }

    [Fact]
    public void Im2ColRefusesBuffersTooSmallForTheGeometry()
    {
        // The unfold and fold loops index without bounds checks after checking the buffers once: a short buffer must throw.
        var g = ConvGeometry.Create("test", 2, 5, 5, 3, 1, 1, Padding.Same);
        var image = new float[2 * 25];
        var columns = new float[2 * 9 * 25];
        Im2Col.Unfold(image, g, 0, 2, columns, 25, 0);
        Im2Col.FoldAdd(columns, g, 0, 2, 25, 0, image);
        Assert.Throws<ArgumentException>(() => Im2Col.Unfold(image, g, 0, 2, new float[columns.Length - 1], 25, 0));
        Assert.Throws<ArgumentException>(() => Im2Col.Unfold(new float[image.Length - 1], g, 0, 2, columns, 25, 0));
        Assert.Throws<ArgumentException>(() => Im2Col.FoldAdd(columns, g, 1, 2, 25, 0, image));
        Assert.Throws<ArgumentException>(() => Im2Col.FoldAdd(columns, g, 0, 2, 25, 1, image));
    }

    [Theory]
    [InlineData("valid")]
    [InlineData("same")]
    [InlineData("1,2,3,4")]
    public void PaddingRoundTripsThroughText(string text) => Assert.Equal(text, Padding.Parse(text).ToString());

    [Theory]
    [InlineData("full")]
    [InlineData("1,2,3")]
    [InlineData("1,-2,3,4")]
    public void MalformedPaddingIsRejected(string text) => Assert.Throws<FormatException>(() => Padding.Parse(text));

    [Fact]
    public void FactoryBuildsTheSameLayer() =>
        Assert.Equal(new Conv2D(8, 3, 2, Padding.Same, activation: Activation.Relu).GetConfig(),
            Layer.Conv2D(8, 3, 2, Padding.Same, Activation.Relu).GetConfig());
}
