using MLExt.Neural.Kernels;

namespace MLExt.Neural;

/// <summary>
/// Max pooling: y[c, oy, ox] = max over the window of x[c, iy, ix]; the gradient flows only to the
/// position that held the maximum (the first one on ties), dx[argmax] += dy. The forward pass is vectorised
/// (<see cref="WindowReduce"/>); backward finds each window's maximum again in the kept input.
/// </summary>
public sealed class MaxPool2D : Pooling2D
{
    private Tensor? _output, _gradInput, _input;
    private float[] _scratch = [];

    /// <summary>Creates an unbuilt max pooling layer; the stride defaults to the pool size.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive.</exception>
    public MaxPool2D(Size2D poolSize, Size2D? stride = null, Padding? padding = null) : base(poolSize, stride, padding) { }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, bool training)
    {
        CheckInput(input);
        int inputPlane = Geometry.InputPlane, outputPlane = Geometry.OutputPlane;
        var y = Tensor.Ensure(ref _output, input.Rows, OutputShape);
        if (_scratch.Length < 2 * Geometry.Width) _scratch = new float[2 * Geometry.Width];
        // y = max(window), down the window's rows then across its columns, over whole vectors
        for (int plane = 0; plane < input.Rows * Geometry.Channels; plane++)
            WindowReduce.Plane<MaxPoolOperator>(input.Span.Slice(plane * inputPlane, inputPlane), y.Span.Slice(plane * outputPlane, outputPlane),
                Geometry, Windows, _scratch);
        _input = input;
        return y;
    }

    /// <inheritdoc/>
    public override Tensor Backward(Tensor outputGradient)
    {
        var x = _input ?? throw new InvalidOperationException("MaxPool2D.Backward needs a Forward first.");
        int inputPlane = Geometry.InputPlane, outputPlane = Geometry.OutputPlane, width = Geometry.Width;
        var dx = Tensor.Ensure(ref _gradInput, outputGradient.Rows, InputShape);
        dx.Clear();
        var windows = Windows;
        for (int plane = 0; plane < outputGradient.Rows * Geometry.Channels; plane++)
        {
            ReadOnlySpan<float> xs = x.Span.Slice(plane * inputPlane, inputPlane), ys = _output!.Span.Slice(plane * outputPlane, outputPlane);
            ReadOnlySpan<float> dy = outputGradient.Span.Slice(plane * outputPlane, outputPlane);
            var d = dx.Span.Slice(plane * inputPlane, inputPlane);
            for (int p = 0; p < outputPlane; p++)
            {
                // dx[argmax] += dy, argmax = the window's first position (row-major) holding the maximum
                int at = FirstMaximum(xs, width, windows[p], ys[p]);
                if (at >= 0) d[at] += dy[p];
            }
        }
        return dx;
    }

    private static int FirstMaximum(ReadOnlySpan<float> x, int width, (int Y0, int Y1, int X0, int X1) window, float max)
    {
        for (int iy = window.Y0; iy < window.Y1; iy++)
        {
            int found = x.Slice(iy * width + window.X0, window.X1 - window.X0).IndexOf(max);
            if (found >= 0) return iy * width + window.X0 + found;
        }
        return -1; // empty window, or a NaN maximum: no gradient
    }

    internal static MaxPool2D Create(LayerConfig config)
    {
        var (pool, stride, padding) = ReadConfig(config);
        return new(pool, stride, padding);
    }
}
