namespace MLExt.Neural;

/// <summary>LeCun normal: N(0, σ²) with σ = √(1 / fanIn).</summary>
public sealed class LeCunNormal : Initializer
{
    /// <inheritdoc/>
    public override void Fill(Span<float> values, int fanIn, int fanOut, RandomSource random)
    {
        float std = MathF.Sqrt(1f / fanIn);
        for (int i = 0; i < values.Length; i++) values[i] = random.NextGaussian() * std;
    }

    /// <inheritdoc/>
    public override string ToString() => "LeCunNormal";
}
