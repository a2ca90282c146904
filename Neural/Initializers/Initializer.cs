namespace MLExt.Neural;

/// <summary>Fills a new parameter tensor, knowing the layer's fan-in and fan-out.</summary>
public abstract class Initializer
{
    /// <summary>Fills <paramref name="values"/> for a parameter with the given fans.</summary>
    public abstract void Fill(Span<float> values, int fanIn, int fanOut, RandomSource random);

    /// <summary>A name with settings, such as <c>GlorotUniform</c> or <c>Constant(0.1)</c>, that <see cref="Parse"/> reads back.</summary>
    public abstract override string ToString();

    /// <summary>Reads an initialiser from its <see cref="ToString"/> form.</summary>
    /// <exception cref="FormatException">Unknown name.</exception>
    public static Initializer Parse(string text) => InitializerNames.Parse(text);
}
