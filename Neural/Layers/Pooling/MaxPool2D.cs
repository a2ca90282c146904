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
        var g = Geometry;
        var y = Tensor.Ensure(ref _output, input.Rows, OutputShape);
        if (_argmax.Length < y.Length) _argmax = new int[y.Length];
        var x = input.Span;
        var o = y.Span;
        for (int plane = 0; plane < input.Rows * g.Channels; plane++)
            for (int p = 0; p < g.OutputPlane; p++)
            {
                // y = max(window)
                var (y0, y1, x0, x1) = Windows[p];
                int best = -1;
                float max = 0f;
                for (int iy = y0; iy < y1; iy++)
                    for (int ix = x0; ix < x1; ix++)
                    {
                        int index = plane * g.InputPlane + iy * g.Width + ix;
                        if (best < 0 || x[index] > max) (best, max) = (index, x[index]);
                    }
                int at = plane * g.OutputPlane + p;
                _argmax[at] = best;
                o[at] = max;
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
