namespace MLExt.Neural;

/// <summary>He/Kaiming uniform: U(−a, a) with a = √(6 / fanIn).</summary>
public sealed class HeUniform : Initializer
{
    /// <inheritdoc/>
    public override void Fill(Span<float> values, int fanIn, int fanOut, RandomSource random)
    {
        float limit = MathF.Sqrt(6f / fanIn);
        for (int i = 0; i < values.Length; i++) values[i] = (2f * random.NextFloat() - 1f) * limit;
    }

    /// <inheritdoc/>
    public override string ToString() => "HeUniform";
}
