namespace MLExt.Neural;

/// <summary>
/// Max pooling: y[c, oy, ox] = max over the window of x[c, iy, ix]; the gradient flows only to the
/// position that held the maximum (the first one on ties), dx[argmax] += dy.
/// </summary>
public sealed class MaxPool2D : Pooling2D
{
    private Tensor? _output, _gradInput;
    private int[] _argmax = [];

    /// <summary>Creates an unbuilt max pooling layer; the stride defaults to the pool size.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive.</exception>
    public MaxPool2D(Size2D poolSize, Size2D? stride = null, Padding? padding = null) : base(poolSize, stride, padding) { }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, bool training)
    {
        CheckInput(input);
        int inputPlane = Geometry.InputPlane, outputPlane = Geometry.OutputPlane, width = Geometry.Width;
        var y = Tensor.Ensure(ref _output, input.Rows, OutputShape);
        if (_argmax.Length < y.Length) _argmax = new int[y.Length];
        var windows = Windows;
        for (int plane = 0; plane < input.Rows * Geometry.Channels; plane++)
        {
            ReadOnlySpan<float> x = input.Span.Slice(plane * inputPlane, inputPlane);
            var o = y.Span.Slice(plane * outputPlane, outputPlane);
            var argmax = _argmax.AsSpan(plane * outputPlane, outputPlane);
            for (int p = 0; p < o.Length; p++)
            {
                // y = max(window), remembering where (the first maximum on ties)
                var (y0, y1, x0, x1) = windows[p];
                if (y0 >= y1 || x0 >= x1)
                {
                    (argmax[p], o[p]) = (-1, 0f);
                    continue;
                }
                int best = y0 * width + x0;
                float max = x[best];
                for (int iy = y0; iy < y1; iy++)
                    for (int at = iy * width + x0, end = at + x1 - x0; at < end; at++)
                    {
                        float v = x[at];
                        int greater = v > max ? 1 : 0; // arithmetic select: a branch here mispredicts about half the time
                        max = MathF.Max(max, v);
                        best += greater * (at - best);
                    }
                argmax[p] = plane * inputPlane + best;
                o[p] = max;
            }
        }
        return y;
    }

    /// <inheritdoc/>
    public override Tensor Backward(Tensor outputGradient)
    {
        var dx = Tensor.Ensure(ref _gradInput, outputGradient.Rows, InputShape);
        dx.Clear();
        var d = dx.Span;
        var dy = outputGradient.Span;
        // dx[argmax] += dy
        for (int i = 0; i < dy.Length; i++)
            if (_argmax[i] >= 0) d[_argmax[i]] += dy[i];
        return dx;
    }

    internal static MaxPool2D Create(LayerConfig config)
    {
        var (pool, stride, padding) = ReadConfig(config);
        return new(pool, stride, padding);
    }
}
