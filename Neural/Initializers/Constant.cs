using System.Globalization;

namespace MLExt.Neural;

/// <summary>Every value set to <see cref="Value"/>.</summary>
public sealed class Constant(float value) : Initializer
{
    /// <summary>The fill value.</summary>
    public float Value { get; } = value;

    /// <inheritdoc/>
    public override void Fill(Span<float> values, int fanIn, int fanOut, RandomSource random) => values.Fill(Value);

    /// <inheritdoc/>
    public override string ToString() => $"Constant({Value.ToString("R", CultureInfo.InvariantCulture)})";
}
