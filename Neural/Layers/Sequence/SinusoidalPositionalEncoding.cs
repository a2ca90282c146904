namespace MLExt.Neural;

/// <summary>
/// The fixed sinusoidal position encoding of "Attention Is All You Need", added to sequences <c>[time, dim]</c>:
/// P[t, 2i] = sin(t / 10000^(2i/dim)), P[t, 2i+1] = cos(t / 10000^(2i/dim)); y = x + P. No parameters;
/// sequences longer than <see cref="PositionalEncoding.MaxLength"/> are rejected at build.
/// </summary>
public sealed class SinusoidalPositionalEncoding : PositionalEncoding
{
    private Tensor? _table;

    /// <summary>Creates an unbuilt sinusoidal encoding.</summary>
    /// <param name="maxLength">The longest sequence accepted (default 512).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxLength"/> is not positive.</exception>
    public SinusoidalPositionalEncoding(int maxLength = 512) : base(maxLength) { }

    internal override Tensor Table => _table ?? throw new InvalidOperationException("SinusoidalPositionalEncoding is not built.");

    /// <summary>P[t, 2i] = sin(t·ω_i), P[t, 2i+1] = cos(t·ω_i), ω_i = 10000^(−2i/dim), for t below <paramref name="time"/>.</summary>
    internal static Tensor Values(int time, int dim)
    {
        var table = new Tensor(time, dim);
        for (int t = 0; t < time; t++)
            for (int j = 0; j < dim; j++)
            {
                double angle = t * Math.Pow(10000.0, -(j - j % 2) / (double)dim);
                table[t * dim + j] = (float)(j % 2 == 0 ? Math.Sin(angle) : Math.Cos(angle));
            }
        return table;
    }

    /// <inheritdoc/>
    protected override void BuildTable(int time, int dim, RandomSource random) => _table = Values(time, dim);

    /// <inheritdoc/>
    protected override void AccumulateTableGradient(Tensor outputGradient) { }

    /// <inheritdoc/>
    public override LayerConfig GetConfig() => new LayerConfig(nameof(SinusoidalPositionalEncoding)).Set("maxLength", MaxLength);

    internal static SinusoidalPositionalEncoding Create(LayerConfig config) => new(config.GetInt("maxLength"));
}
