using System.Numerics.Tensors;

namespace MLExt.Neural;

/// <summary>Mean over the real steps: y = (1/|R|) Σ_{t∈R} x_t, R the real steps (all without a mask; y = 0 when R is empty).</summary>
public sealed class TemporalMeanPooling : TemporalPooling
{
    /// <inheritdoc/>
    protected override void Pool(int row, ReadOnlySpan<float> sequence, Span<float> output)
    {
        // y = (1/|R|) Σ_{t∈R} x_t
        output.Clear();
        int count = RealSteps(row);
        for (int t = 0; t < Steps; t++)
            if (IsReal(row, t)) TensorPrimitives.Add(output, sequence.Slice(t * Features, Features), output);
        if (count > 0) TensorPrimitives.Multiply(output, 1f / count, output);
    }

    /// <inheritdoc/>
    protected override void Unpool(int row, ReadOnlySpan<float> outputGradient, Span<float> inputGradient)
    {
        // dx_t = dy / |R| for t ∈ R, 0 at padding
        int count = RealSteps(row);
        for (int t = 0; t < Steps; t++)
        {
            var dx = inputGradient.Slice(t * Features, Features);
            if (IsReal(row, t)) TensorPrimitives.Multiply(outputGradient, 1f / count, dx);
            else dx.Clear();
        }
    }

    internal static TemporalMeanPooling Create(LayerConfig config) => new();
}
