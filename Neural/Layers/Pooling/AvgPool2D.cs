namespace MLExt.Neural;

/// <summary>
/// Average pooling: y[c, oy, ox] = (1/|w|) Σ_{(iy, ix) ∈ w} x[c, iy, ix] over the window's positions
/// inside the image (padding is not counted); dx[c, iy, ix] += dy[c, oy, ox] / |w| for each window w holding it.
/// </summary>
public sealed class AvgPool2D : Pooling2D
{
    private Tensor? _output, _gradInput;

    /// <summary>Creates an unbuilt average pooling layer; the stride defaults to the pool size.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive.</exception>
    public AvgPool2D(Size2D poolSize, Size2D? stride = null, Padding? padding = null) : base(poolSize, stride, padding) { }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, bool training)
    {
        CheckInput(input);
        var g = Geometry;
        var y = Tensor.Ensure(ref _output, input.Rows, OutputShape);
        var x = input.Span;
        for (int plane = 0; plane < input.Rows * g.Channels; plane++)
            for (int p = 0; p < g.OutputPlane; p++)
            {
                // y = Σ_w x / |w|
                var (y0, y1, x0, x1) = Windows[p];
                float sum = 0f;
                for (int iy = y0; iy < y1; iy++)
                    for (int ix = x0; ix < x1; ix++) sum += x[plane * g.InputPlane + iy * g.Width + ix];
                y[plane * g.OutputPlane + p] = sum / Math.Max((y1 - y0) * (x1 - x0), 1);
            }
        return y;
    }

    /// <inheritdoc/>
    public override Tensor Backward(Tensor outputGradient)
    {
        var g = Geometry;
        var dx = Tensor.Ensure(ref _gradInput, outputGradient.Rows, InputShape);
        dx.Clear();
        var d = dx.Span;
        for (int plane = 0; plane < outputGradient.Rows * g.Channels; plane++)
            for (int p = 0; p < g.OutputPlane; p++)
            {
                // dx[w] += dy / |w|
                var (y0, y1, x0, x1) = Windows[p];
                float share = outputGradient[plane * g.OutputPlane + p] / Math.Max((y1 - y0) * (x1 - x0), 1);
                for (int iy = y0; iy < y1; iy++)
                    for (int ix = x0; ix < x1; ix++) d[plane * g.InputPlane + iy * g.Width + ix] += share;
            }
        return dx;
    }

    internal static AvgPool2D Create(LayerConfig config)
    {
        var (pool, stride, padding) = ReadConfig(config);
        return new(pool, stride, padding);
    }
}
