using MLExt.Neural;

namespace MLExt.Tests.Neural.Images;

public class PoolingTests
{
    [Theory]
    [InlineData(2, 2, "valid")]
    [InlineData(3, 2, "same")]
    [InlineData(2, 1, "valid")]
    [InlineData(3, 3, "1,1,1,1")]
    public void MaxPoolConforms(int pool, int stride, string padding) =>
        LayerConformance.CheckAll(() => new MaxPool2D(pool, stride, Padding.Parse(padding)), [2, 5, 6], expectedParameters: 0);

    [Theory]
    [InlineData(2, 2, "valid")]
    [InlineData(3, 2, "same")]
    [InlineData(3, 1, "1,0,1,0")]
    public void AvgPoolConforms(int pool, int stride, string padding) =>
        LayerConformance.CheckAll(() => new AvgPool2D(pool, stride, Padding.Parse(padding)), [2, 5, 6], expectedParameters: 0);

    [Fact]
    public void GlobalAveragePoolConforms() =>
        LayerConformance.CheckAll(() => new GlobalAveragePool2D(), [3, 4, 5], expectedParameters: 0);

    [Fact]
    public void FlattenConforms() =>
        LayerConformance.CheckAll(() => new Flatten(), [2, 3, 4], expectedParameters: 0);

    private static readonly float[] Grid = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]; // 4×4, row-major

    [Fact]
    public void MaxPoolKnownValuesAndGradientRouting()
    {
        var pool = new MaxPool2D(2);
        pool.Build([1, 4, 4], new RandomSource(1));
        var x = new Tensor((float[])Grid.Clone(), 1, 1, 4, 4);
        Assert.Equal([6f, 8f, 14f, 16f], pool.Forward(x, false).Span.ToArray());
        var dx = pool.Backward(new Tensor([1f, 2f, 3f, 4f], 1, 1, 2, 2));
        Assert.Equal([0f, 0, 0, 0, 0, 1, 0, 2, 0, 0, 0, 0, 0, 3, 0, 4], dx.Span.ToArray());
    }

    [Fact]
    public void AvgPoolSamePaddingAveragesOnlyTheImage()
    {
        // 3×3 image, 2×2 windows with stride 2 and 'same' padding: the right column and bottom row windows are partial.
        var pool = new AvgPool2D(2, padding: Padding.Same);
        Assert.Equal([1, 2, 2], pool.Build([1, 3, 3], new RandomSource(1)));
        var y = pool.Forward(new Tensor([1f, 2, 3, 4, 5, 6, 7, 8, 9], 1, 1, 3, 3), false);
        Assert.Equal([3f, 4.5f, 7.5f, 9f], y.Span.ToArray());
        var dx = pool.Backward(new Tensor([4f, 2f, 2f, 1f], 1, 1, 2, 2));
        Assert.Equal([1f, 1, 1, 1, 1, 1, 1, 1, 1], dx.Span.ToArray());
    }

    [Fact]
    public void GlobalAveragePoolAveragesEachChannel()
    {
        var pool = new GlobalAveragePool2D();
        Assert.Equal([2], pool.Build([2, 2, 2], new RandomSource(1)));
        Assert.Equal([2.5f, 10f], pool.Forward(new Tensor([1f, 2, 3, 4, 10, 10, 10, 10], 1, 2, 2, 2), false).Span.ToArray());
        Assert.Equal([0.25f, 0.25f, 0.25f, 0.25f, 0.5f, 0.5f, 0.5f, 0.5f], pool.Backward(new Tensor([1f, 2f], 1, 2)).Span.ToArray());
    }

    [Fact]
    public void FlattenKeepsRowMajorOrder()
    {
        var flatten = new Flatten();
        Assert.Equal([24], flatten.Build([2, 3, 4], new RandomSource(1)));
        var x = TestTensors.Gaussian(new RandomSource(2), [2, 2, 3, 4]);
        Assert.Equal(x.Span.ToArray(), flatten.Forward(x, false).Span.ToArray());
    }

    [Fact]
    public void StrideDefaultsToThePoolSize()
    {
        var pool = new MaxPool2D(new Size2D(2, 3));
        Assert.Equal(new Size2D(2, 3), pool.Stride);
        Assert.Equal([4, 3, 2], pool.Build([4, 7, 7], new RandomSource(1)));
    }

    [Fact]
    public void PoolingRejectsFlatInputs()
    {
        var error = Assert.Throws<ArgumentException>(() => new MaxPool2D(2).Build([10], new RandomSource(1)));
        Assert.Contains("MaxPool2D", error.Message);
        Assert.Contains("[10]", error.Message);
        Assert.Throws<ArgumentException>(() => new GlobalAveragePool2D().Build([3, 4], new RandomSource(1)));
    }
}
