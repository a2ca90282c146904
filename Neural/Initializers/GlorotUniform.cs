namespace MLExt.Neural;

/// <summary>Glorot/Xavier uniform: U(−a, a) with a = √(6 / (fanIn + fanOut)).</summary>
public sealed class GlorotUniform : Initializer
{
    /// <inheritdoc/>
    public override void Fill(Span<float> values, int fanIn, int fanOut, RandomSource random)
    {
        float limit = MathF.Sqrt(6f / (fanIn + fanOut));
        for (int i = 0; i < values.Length; i++) values[i] = (2f * random.NextFloat() - 1f) * limit;
    }

    /// <inheritdoc/>
    public override string ToString() => "GlorotUniform";
}
