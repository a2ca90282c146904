using MLExt.Neural;

namespace MLExt.Tests.Neural.Images;

/// <summary>
/// The vectorised pooling kernels against a direct window scan, on images wide enough for whole vectors
/// plus a tail, with and without padding; and max pooling's tie rule (the first maximum gets the gradient).
/// </summary>
public class PoolingReferenceTests
{
    [Theory]
    [InlineData(2, 2, "valid")]
    [InlineData(3, 2, "same")]
    [InlineData(3, 1, "1,1,1,1")]
    [InlineData(5, 3, "2,1,2,1")]
    public void MaxAndAveragePoolingMatchADirectWindowScan(int size, int stride, string padding)
    {
        const int channels = 3, height = 9, width = 37;
        var random = new RandomSource(7);
        var x = new Tensor([2, channels, height, width]);
        for (int i = 0; i < x.Length; i++) x[i] = random.NextFloat() * 2 - 1;
        foreach (bool max in new[] { true, false })
        {
            Layer layer = max ? new MaxPool2D(size, stride, Padding.Parse(padding)) : new AvgPool2D(size, stride, Padding.Parse(padding));
            var shape = layer.Build([channels, height, width], new RandomSource(1));
            var y = layer.Forward(x, training: true);
            var (pad, padLeft) = ((Pooling2D)layer).ResolvedPadding;
            for (int plane = 0; plane < 2 * channels; plane++)
                for (int oy = 0; oy < shape[1]; oy++)
                    for (int ox = 0; ox < shape[2]; ox++)
                    {
                        float best = float.NegativeInfinity, sum = 0;
                        int count = 0;
                        for (int iy = oy * stride - pad; iy < oy * stride - pad + size; iy++)
                            for (int ix = ox * stride - padLeft; ix < ox * stride - padLeft + size; ix++)
                            {
                                if (iy < 0 || iy >= height || ix < 0 || ix >= width) continue;
                                float v = x[(plane * height + iy) * width + ix];
                                best = Math.Max(best, v);
                                sum += v;
                                count++;
                            }
                        float expected = max ? best : sum / count, actual = y[(plane * shape[1] + oy) * shape[2] + ox];
                        Assert.True(Math.Abs(expected - actual) <= 1e-6f * Math.Max(1f, Math.Abs(expected)),
                            $"{layer.TypeName} plane {plane} output ({oy}, {ox}): {actual} vs {expected}");
                    }
        }
    }

    [Fact]
    public void MaxPoolingSendsTheGradientOfATieToTheFirstMaximumOnly()
    {
        // 2×4 image, 2×2 windows: the left window is all zeros (as after a ReLU), the right one has 5 twice.
        var pool = new MaxPool2D(2);
        pool.Build([1, 2, 4], new RandomSource(1));
        var y = pool.Forward(new Tensor([0f, 0, 1, 5, 0, 0, 5, 2], 1, 1, 2, 4), training: true);
        Assert.Equal([0f, 5f], y.Span.ToArray());
        var dx = pool.Backward(new Tensor([3f, 7f], 1, 1, 1, 2));
        Assert.Equal([3f, 0, 0, 7, 0, 0, 0, 0], dx.Span.ToArray());
    }
}
