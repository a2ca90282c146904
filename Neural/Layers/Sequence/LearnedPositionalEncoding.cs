namespace MLExt.Neural;

/// <summary>
/// A learned position embedding added to sequences <c>[time, dim]</c>: a parameter P <c>[maxLength, dim]</c> and
/// y[t] = x[t] + P[t]; dP[t] += Σ_batch dy[t] (rows past the sequence length get no gradient). Initialised with
/// <see cref="GlorotUniform"/> by default.
/// </summary>
public sealed class LearnedPositionalEncoding : PositionalEncoding
{
    private Parameter? _positions;
    private Parameter[] _parameters = [];

    /// <summary>Creates an unbuilt learned encoding.</summary>
    /// <param name="maxLength">Rows of the table: the longest sequence accepted.</param>
    /// <param name="initializer">How the table is initialised (default Glorot uniform).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxLength"/> is not positive.</exception>
    public LearnedPositionalEncoding(int maxLength, Initializer? initializer = null) : base(maxLength) =>
        Initializer = initializer ?? new GlorotUniform();

    /// <summary>How the table is initialised.</summary>
    public Initializer Initializer { get; }

    /// <summary>The table P <c>[maxLength, dim]</c>.</summary>
    public Parameter Positions => _positions ?? throw new InvalidOperationException("LearnedPositionalEncoding is not built.");

    /// <inheritdoc/>
    public override IReadOnlyList<Parameter> Parameters => _parameters;

    internal override Tensor Table => Positions.Value;

    /// <inheritdoc/>
    protected override void BuildTable(int time, int dim, RandomSource random)
    {
        _positions = new Parameter("positions", [MaxLength, dim], isWeight: false);
        Initializer.Fill(_positions.Value.Span, MaxLength, dim, random);
        _parameters = [_positions];
    }

    /// <inheritdoc/>
    protected override void AccumulateTableGradient(Tensor outputGradient)
    {
        var gradient = Positions.Gradient.Span[..(InputShape[0] * InputShape[1])];
        // dP[t] += Σ_b dy[b, t]
        for (int b = 0; b < outputGradient.Rows; b++) System.Numerics.Tensors.TensorPrimitives.Add(gradient, outputGradient.Row(b), gradient);
    }

    /// <inheritdoc/>
    public override LayerConfig GetConfig() => new LayerConfig(nameof(LearnedPositionalEncoding))
        .Set("maxLength", MaxLength).Set("initializer", Initializer.ToString());

    internal static LearnedPositionalEncoding Create(LayerConfig config) =>
        new(config.GetInt("maxLength"), Initializer.Parse(config.GetString("initializer")));
}
