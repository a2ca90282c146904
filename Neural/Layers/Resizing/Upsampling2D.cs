namespace MLExt.Neural;

/// <summary>
/// Enlarges images [channels, height, width] by integer factors, y[c, oy, ox] = Σ wy·wx·x[c, iy, ix] over the input
/// rows iy and columns ix that output row oy and column ox read (<see cref="UpsamplingInterpolation"/>): one of weight 1
/// for nearest, the two nearest pixel centres for bilinear. Linear in x, so dx[c, iy, ix] = Σ wy·wx·dy[c, oy, ox].
/// </summary>
public sealed class Upsampling2D : Layer
{
    private Tap[] _rows = [], _columns = [];
    private Tensor? _output, _gradInput;

    /// <summary>Creates the layer.</summary>
    /// <param name="size">Factor along rows and columns (default 2).</param>
    /// <param name="interpolation">Nearest (default) or bilinear.</param>
    /// <exception cref="ArgumentOutOfRangeException">A factor is below 1 or the interpolation unknown.</exception>
    public Upsampling2D(Size2D? size = null, UpsamplingInterpolation interpolation = UpsamplingInterpolation.Nearest)
    {
        Size = (size ?? 2).CheckPositive(nameof(size));
        if (!Enum.IsDefined(interpolation))
            throw new ArgumentOutOfRangeException(nameof(interpolation), interpolation, "Upsampling2D interpolation must be Nearest or Bilinear.");
        Interpolation = interpolation;
    }

    /// <summary>Factors along rows and columns.</summary>
    public Size2D Size { get; }

    /// <summary>How new pixels are filled.</summary>
    public UpsamplingInterpolation Interpolation { get; }

    /// <summary>Output position o reads inputs First (weight 1 − Weight) and Second (weight Weight).</summary>
    private readonly record struct Tap(int First, int Second, float Weight);

    /// <inheritdoc/>
    protected override int[] OnComputeOutputShape(int[] inputShape)
    {
        var (channels, height, width) = ImageInput.Dimensions(TypeName, inputShape);
        return [channels, height * Size.Height, width * Size.Width];
    }

    /// <inheritdoc/>
    protected override int[] OnBuild(int[] inputShape, RandomSource random)
    {
        var output = OnComputeOutputShape(inputShape);
        _rows = Taps(inputShape[1], Size.Height);
        _columns = Taps(inputShape[2], Size.Width);
        return output;
    }

    private Tap[] Taps(int size, int factor)
    {
        var taps = new Tap[size * factor];
        for (int o = 0; o < taps.Length; o++)
        {
            if (Interpolation == UpsamplingInterpolation.Nearest) { taps[o] = new(o / factor, o / factor, 0f); continue; }
            // Half-pixel centres: source = (o + ½)/factor − ½, clamped to the image.
            float source = Math.Clamp((o + 0.5f) / factor - 0.5f, 0f, size - 1);
            int first = (int)source;
            taps[o] = new(first, Math.Min(first + 1, size - 1), source - first);
        }
        return taps;
    }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, bool training)
    {
        CheckInput(input);
        var y = Tensor.Ensure(ref _output, input.Rows, OutputShape);
        int channels = InputShape[0], width = InputShape[2], outputWidth = OutputShape[2];
        int inputPlane = InputShape[1] * width, outputPlane = OutputShape[1] * outputWidth;
        for (int plane = 0; plane < input.Rows * channels; plane++)
        {
            var x = input.Span.Slice(plane * inputPlane, inputPlane);
            var target = y.Span.Slice(plane * outputPlane, outputPlane);
            for (int oy = 0; oy < _rows.Length; oy++)
            {
                var (r0, r1, wy) = _rows[oy];
                var top = x.Slice(r0 * width, width);
                var bottom = x.Slice(r1 * width, width);
                var row = target.Slice(oy * outputWidth, outputWidth);
                for (int ox = 0; ox < row.Length; ox++)
                {
                    var (c0, c1, wx) = _columns[ox];
                    // y = (1 − wy)·((1 − wx)·x00 + wx·x01) + wy·((1 − wx)·x10 + wx·x11)
                    row[ox] = (1 - wy) * ((1 - wx) * top[c0] + wx * top[c1]) + wy * ((1 - wx) * bottom[c0] + wx * bottom[c1]);
                }
            }
        }
        return y;
    }

    /// <inheritdoc/>
    public override Tensor Backward(Tensor outputGradient)
    {
        var dx = Tensor.Ensure(ref _gradInput, outputGradient.Rows, InputShape);
        dx.Clear();
        int channels = InputShape[0], width = InputShape[2], outputWidth = OutputShape[2];
        int inputPlane = InputShape[1] * width, outputPlane = OutputShape[1] * outputWidth;
        for (int plane = 0; plane < outputGradient.Rows * channels; plane++)
        {
            var dy = outputGradient.Span.Slice(plane * outputPlane, outputPlane);
            var target = dx.Span.Slice(plane * inputPlane, inputPlane);
            for (int oy = 0; oy < _rows.Length; oy++)
            {
                var (r0, r1, wy) = _rows[oy];
                var row = dy.Slice(oy * outputWidth, outputWidth);
                for (int ox = 0; ox < row.Length; ox++)
                {
                    var (c0, c1, wx) = _columns[ox];
                    // dx[iy, ix] += wy·wx·dy[oy, ox] for each of the four taps
                    float g = row[ox], top = (1 - wy) * g, bottom = wy * g;
                    target[r0 * width + c0] += (1 - wx) * top;
                    target[r0 * width + c1] += wx * top;
                    target[r1 * width + c0] += (1 - wx) * bottom;
                    target[r1 * width + c1] += wx * bottom;
                }
            }
        }
        return dx;
    }

    /// <inheritdoc/>
    public override LayerConfig GetConfig() =>
        new LayerConfig(nameof(Upsampling2D)).Set("size", Size.ToArray()).Set("interpolation", Interpolation);

    internal static Upsampling2D Create(LayerConfig config) =>
        new(Size2D.FromArray(config.GetInts("size")), config.GetEnum<UpsamplingInterpolation>("interpolation"));
}
