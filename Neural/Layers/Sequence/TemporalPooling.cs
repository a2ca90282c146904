namespace MLExt.Neural;

/// <summary>
/// Pooling over the time axis, <c>[time, features]</c> → <c>[features]</c>, counting only real steps when a padding
/// mask is set (a sequence with none gives zeros). It ends the mask: the layers after it see no time axis.
/// </summary>
public abstract class TemporalPooling : Layer, ISequenceMaskConsumer, ISequenceMaskSource
{
    private Tensor? _mask, _output, _gradInput;

    /// <inheritdoc/>
    public void SetInputMask(Tensor? mask) => _mask = mask;

    /// <summary>Always null: the time axis is gone.</summary>
    public Tensor? OutputMask => null;

    /// <summary>The mask of the latest Forward, or null.</summary>
    protected Tensor? Mask { get; private set; }

    /// <summary>Steps per sequence.</summary>
    protected int Steps => InputShape[0];

    /// <summary>Features per step.</summary>
    protected int Features => InputShape[1];

    /// <summary>Whether step <paramref name="step"/> of sequence <paramref name="row"/> counts.</summary>
    protected bool IsReal(int row, int step) => Mask is null || Mask[row * Steps + step] != 0f;

    /// <inheritdoc/>
    protected override int[] OnComputeOutputShape(int[] inputShape) => inputShape.Length == 2
        ? [inputShape[1]]
        : throw new ArgumentException($"{TypeName} expects sequences [time, features] but got {Tensor.FormatShape(inputShape)}.", nameof(inputShape));

    /// <inheritdoc/>
    protected override int[] OnBuild(int[] inputShape, RandomSource random)
    {
        if (inputShape.Length != 2)
            throw new ArgumentException($"{TypeName} expects sequences [time, features] but got {Tensor.FormatShape(inputShape)}.", nameof(inputShape));
        return [inputShape[1]];
    }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, bool training)
    {
        CheckInput(input);
        SequenceMask.Check(_mask, input.Rows, Steps, TypeName);
        Mask = _mask;
        var y = Tensor.Ensure(ref _output, input.Rows, Features);
        for (int b = 0; b < input.Rows; b++) Pool(b, input.Row(b), y.Row(b));
        return y;
    }

    /// <inheritdoc/>
    public override Tensor Backward(Tensor outputGradient)
    {
        if (_output is null) throw new InvalidOperationException($"{TypeName}.Backward called before Forward.");
        int n = _output.Rows;
        var dx = Tensor.Ensure(ref _gradInput, n, Steps, Features);
        for (int b = 0; b < n; b++) Unpool(b, outputGradient.Row(b), dx.Row(b));
        return dx;
    }

    /// <summary>Pools sequence <paramref name="row"/> (<c>[time, features]</c>) into <paramref name="output"/>.</summary>
    protected abstract void Pool(int row, ReadOnlySpan<float> sequence, Span<float> output);

    /// <summary>Writes dL/dx of sequence <paramref name="row"/> (every step, zeros at padding) from dL/dy.</summary>
    protected abstract void Unpool(int row, ReadOnlySpan<float> outputGradient, Span<float> inputGradient);

    /// <summary>Number of real steps of sequence <paramref name="row"/>.</summary>
    protected int RealSteps(int row)
    {
        int count = 0;
        for (int t = 0; t < Steps; t++) if (IsReal(row, t)) count++;
        return count;
    }

    /// <inheritdoc/>
    public override LayerConfig GetConfig() => new(TypeName);
}
