using System.Globalization;

namespace MLExt.Neural;

/// <summary>Parses initialisers from their <see cref="Initializer.ToString"/> form.</summary>
internal static class InitializerNames
{
    public static Initializer Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.StartsWith("Constant(", StringComparison.Ordinal) && text.EndsWith(')'))
            return new Constant(float.Parse(text.AsSpan(9, text.Length - 10), NumberStyles.Float, CultureInfo.InvariantCulture));
        if (text.StartsWith("Orthogonal(", StringComparison.Ordinal) && text.EndsWith(')'))
            return new Orthogonal(float.Parse(text.AsSpan(11, text.Length - 12), NumberStyles.Float, CultureInfo.InvariantCulture));
        return text switch
        {
            nameof(GlorotUniform) => new GlorotUniform(),
            nameof(GlorotNormal) => new GlorotNormal(),
            nameof(HeUniform) => new HeUniform(),
            nameof(HeNormal) => new HeNormal(),
            nameof(LeCunUniform) => new LeCunUniform(),
            nameof(LeCunNormal) => new LeCunNormal(),
            nameof(Zeros) => new Zeros(),
            nameof(Orthogonal) => new Orthogonal(),
            _ => throw new FormatException($"Unknown initializer '{text}'. Known: GlorotUniform, GlorotNormal, HeUniform, HeNormal, LeCunUniform, LeCunNormal, Zeros, Constant(value), Orthogonal, Orthogonal(gain)."),
        };
    }
}
