namespace MLExt.Neural;

public abstract partial class Layer
{
    /// <summary>Adds the fixed sinusoidal position encoding to sequences [time, dim] of at most <paramref name="maxLength"/> steps.</summary>
    public static Layer SinusoidalPositionalEncoding(int maxLength = 512) => new SinusoidalPositionalEncoding(maxLength);

    /// <summary>Adds a learned position embedding [maxLength, dim] to sequences [time, dim].</summary>
    public static Layer LearnedPositionalEncoding(int maxLength) => new LearnedPositionalEncoding(maxLength);

    /// <summary>Multi-head self-attention over sequences [time, dModel] with <paramref name="heads"/> heads of <paramref name="keyDim"/> dimensions; honours the padding mask.</summary>
    public static Layer MultiHeadSelfAttention(int heads, int keyDim, float dropout = 0f, bool useBias = true) =>
        new MultiHeadSelfAttention(heads, keyDim, dropout, useBias);

    /// <summary>A Transformer encoder block (self-attention and a GELU feed-forward network, each with a residual and layer normalisation).</summary>
    public static Layer TransformerEncoder(int dModel, int heads, int feedForwardDim, float dropout = 0.1f, bool normFirst = true) =>
        new TransformerEncoderBlock(dModel, heads, feedForwardDim, dropout, normFirst);
}
