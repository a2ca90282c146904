using System.Numerics.Tensors;

namespace MLExt.Neural;

/// <summary>
/// Runs a recurrent layer over each sequence forwards and a copy of it (own weights) over the sequence reversed,
/// then merges the outputs: y = [y→, y←] or y→ + y←. The reversal respects padding: only the real steps of each
/// sequence are reversed (x←[t] = x[len − 1 − t] for t &lt; len), as ONNX's bidirectional recurrences do, so a
/// padded sequence gives the same result as its unpadded self. With <see cref="RecurrentLayer.ReturnSequences"/>
/// the backward outputs are put back in the original order; otherwise y← is the backward state after the first step.
/// Backward: the output gradient is split the same way and dx = dx→ + reversed(dx←).
/// </summary>
public sealed class Bidirectional : Layer, ISequenceMaskConsumer, ISequenceMaskSource
{
    private readonly RecurrentLayer _forward, _backward;
    private Parameter[] _parameters = [];
    private Tensor? _mask, _reversed, _output, _forwardGradient, _backwardGradient, _gradInput;
    private int _batch;
    private int[] _lengths = [];

    /// <summary>Wraps <paramref name="layer"/> (the forward direction; an unbuilt copy is the backward one).</summary>
    /// <exception cref="ArgumentException"><paramref name="layer"/> is already built.</exception>
    public Bidirectional(RecurrentLayer layer, BidirectionalMerge merge = BidirectionalMerge.Concat)
    {
        ArgumentNullException.ThrowIfNull(layer);
        if (layer.IsBuilt) throw new ArgumentException("Bidirectional wraps an unbuilt recurrent layer; it builds both directions itself.", nameof(layer));
        if (!Enum.IsDefined(merge)) throw new ArgumentOutOfRangeException(nameof(merge), merge, "Unknown merge mode.");
        _forward = layer;
        _backward = (RecurrentLayer)layer.CloneUnbuilt();
        Merge = merge;
    }

    /// <summary>The forward direction.</summary>
    public RecurrentLayer ForwardLayer => _forward;

    /// <summary>The backward direction (same settings, own weights).</summary>
    public RecurrentLayer BackwardLayer => _backward;

    /// <summary>How the directions are combined.</summary>
    public BidirectionalMerge Merge { get; }

    /// <inheritdoc/>
    public override IReadOnlyList<Parameter> Parameters => _parameters;

    /// <inheritdoc/>
    public void SetInputMask(Tensor? mask) => _mask = mask;

    /// <summary>The input mask while the time axis is kept; null once last states are returned.</summary>
    public Tensor? OutputMask => _forward.ReturnSequences ? _mask : null;

    /// <inheritdoc/>
    protected override int[] OnBuild(int[] inputShape, RandomSource random)
    {
        var shape = _forward.Build(inputShape, random);
        _backward.Build(inputShape, random);
        _parameters = [.. _forward.Parameters.Select(p => p.Renamed($"forward.{p.Name}")), .. _backward.Parameters.Select(p => p.Renamed($"backward.{p.Name}"))];
        if (Merge == BidirectionalMerge.Concat) shape[^1] *= 2;
        return shape;
    }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, bool training)
    {
        CheckInput(input);
        int n = input.Rows, steps = InputShape[0];
        if (_lengths.Length < n) _lengths = new int[n];
        SequenceMask.RightPaddedLengths(_mask, n, steps, TypeName, _lengths);
        _batch = n;
        // y→ = f(x) ; y← = f(reverse(x)) over the real steps
        _forward.SetInputMask(_mask);
        var forward = _forward.Forward(input, training);
        var reversed = Tensor.Ensure(ref _reversed, input.Shape);
        Reverse(input, reversed, n, steps);
        _backward.SetInputMask(_mask);
        var backward = _backward.Forward(reversed, training);
        var y = Tensor.Ensure(ref _output, n, OutputShape);
        int units = _forward.Units, rows = _forward.ReturnSequences ? steps : 1;
        for (int b = 0; b < n; b++)
            for (int t = 0; t < rows; t++)
            {
                // y = [y→, y←] or y→ + y←, y← back in the original order
                int source = _forward.ReturnSequences ? ReversedStep(b, t) : 0;
                var f = forward.Span.Slice((b * rows + t) * units, units);
                var r = backward.Span.Slice((b * rows + source) * units, units);
                if (Merge == BidirectionalMerge.Sum) TensorPrimitives.Add(f, r, y.Span.Slice((b * rows + t) * units, units));
                else
                {
                    f.CopyTo(y.Span.Slice((b * rows + t) * 2 * units, units));
                    r.CopyTo(y.Span.Slice(((b * rows + t) * 2 + 1) * units, units));
                }
            }
        return y;
    }

    /// <inheritdoc/>
    public override Tensor Backward(Tensor outputGradient)
    {
        if (_reversed is null) throw new InvalidOperationException("Bidirectional.Backward called before Forward.");
        int n = _batch, steps = InputShape[0], units = _forward.Units, rows = _forward.ReturnSequences ? steps : 1;
        var forwardGradient = Tensor.Ensure(ref _forwardGradient, n, _forward.OutputShape);
        var backwardGradient = Tensor.Ensure(ref _backwardGradient, n, _backward.OutputShape);
        for (int b = 0; b < n; b++)
            for (int t = 0; t < rows; t++)
            {
                // dy→ and dy← (back in the reversed order) from dy
                int target = _forward.ReturnSequences ? ReversedStep(b, t) : 0;
                var dyForward = Merge == BidirectionalMerge.Sum
                    ? outputGradient.Span.Slice((b * rows + t) * units, units)
                    : outputGradient.Span.Slice((b * rows + t) * 2 * units, units);
                var dyBackward = Merge == BidirectionalMerge.Sum ? dyForward : outputGradient.Span.Slice(((b * rows + t) * 2 + 1) * units, units);
                dyForward.CopyTo(forwardGradient.Span.Slice((b * rows + t) * units, units));
                dyBackward.CopyTo(backwardGradient.Span.Slice((b * rows + target) * units, units));
            }
        // dx = dx→ + reverse(dx←)
        var dxBackward = _backward.Backward(backwardGradient);
        var dx = Tensor.Ensure(ref _gradInput, dxBackward.Shape);
        Reverse(dxBackward, dx, n, steps);
        TensorPrimitives.Add(dx.Span, _forward.Backward(forwardGradient).Span, dx.Span);
        return dx;
    }

    /// <summary>The step a real step t of sequence b maps to when its real steps are reversed (padding stays in place).</summary>
    private int ReversedStep(int b, int t) => t < _lengths[b] ? _lengths[b] - 1 - t : t;

    private void Reverse(Tensor source, Tensor destination, int n, int steps)
    {
        int width = source.Length / (n * steps);
        for (int b = 0; b < n; b++)
            for (int t = 0; t < steps; t++)
                source.Span.Slice((b * steps + t) * width, width).CopyTo(destination.Span.Slice((b * steps + ReversedStep(b, t)) * width, width));
    }

    /// <inheritdoc/>
    public override LayerConfig GetConfig()
    {
        var config = new LayerConfig(nameof(Bidirectional)).Set("merge", Merge);
        config.Children.Add(_forward.GetConfig());
        return config;
    }

    internal static Bidirectional Create(LayerConfig config)
    {
        if (config.Children.Count != 1 || Layer.FromConfig(config.Children[0]) is not RecurrentLayer layer)
            throw new FormatException("Bidirectional's config needs exactly one child: the recurrent layer's config.");
        return new Bidirectional(layer, config.GetEnum<BidirectionalMerge>("merge"));
    }
}
