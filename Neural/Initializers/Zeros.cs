namespace MLExt.Neural;

/// <summary>All zeros.</summary>
public sealed class Zeros : Initializer
{
    /// <inheritdoc/>
    public override void Fill(Span<float> values, int fanIn, int fanOut, RandomSource random)
    {
        values.Clear();
    }

    /// <inheritdoc/>
    public override string ToString() => "Zeros";
}
