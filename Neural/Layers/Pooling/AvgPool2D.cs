using System.Numerics.Tensors;
using MLExt.Neural.Kernels;

namespace MLExt.Neural;

/// <summary>
/// Average pooling: y[c, oy, ox] = (1/|w|) Σ_{(iy, ix) ∈ w} x[c, iy, ix] over the window's positions
/// inside the image (padding is not counted); dx[c, iy, ix] += dy[c, oy, ox] / |w| for each window w holding it.
/// </summary>
public sealed class AvgPool2D : Pooling2D
{
    private Tensor? _output, _gradInput;
    private float[] _scratch = [], _counts = [];

    /// <summary>Creates an unbuilt average pooling layer; the stride defaults to the pool size.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive.</exception>
    public AvgPool2D(Size2D poolSize, Size2D? stride = null, Padding? padding = null) : base(poolSize, stride, padding) { }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, bool training)
    {
        CheckInput(input);
        var g = Geometry;
        var y = Tensor.Ensure(ref _output, input.Rows, OutputShape);
        if (_scratch.Length < 2 * g.Width) _scratch = new float[2 * g.Width];
        if (_counts.Length != g.OutputPlane) _counts = Windows.Select(w => (float)Math.Max((w.Y1 - w.Y0) * (w.X1 - w.X0), 1)).ToArray();
        for (int plane = 0; plane < input.Rows * g.Channels; plane++)
        {
            // y = Σ_w x / |w|: the sums down the window's rows then across its columns, over whole vectors
            var outputs = y.Span.Slice(plane * g.OutputPlane, g.OutputPlane);
            WindowReduce.Plane<SumPoolOperator>(input.Span.Slice(plane * g.InputPlane, g.InputPlane), outputs, g, Windows, _scratch);
            TensorPrimitives.Divide(outputs, _counts, outputs);
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
