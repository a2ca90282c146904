namespace MLExt.Neural;

/// <summary>He/Kaiming normal: N(0, σ²) with σ = √(2 / fanIn).</summary>
public sealed class HeNormal : Initializer
{
    /// <inheritdoc/>
    public override void Fill(Span<float> values, int fanIn, int fanOut, RandomSource random)
    {
        float std = MathF.Sqrt(2f / fanIn);
        for (int i = 0; i < values.Length; i++) values[i] = random.NextGaussian() * std;
    }

    /// <inheritdoc/>
    public override string ToString() => "HeNormal";
}
