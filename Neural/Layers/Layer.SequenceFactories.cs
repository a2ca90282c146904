namespace MLExt.Neural;

public abstract partial class Layer
{
    /// <summary>Token embedding: ids [time] → vectors [time, <paramref name="dimension"/>], with an optional padding id that is masked; see <see cref="Neural.Embedding"/>.</summary>
    public static Layer Embedding(int vocabularySize, int dimension, int? paddingIndex = null, bool freeze = false) =>
        new Embedding(vocabularySize, dimension, paddingIndex, freeze);

    /// <summary>A simple recurrent layer h_t = f(x_t·W + h_{t−1}·U + b); see <see cref="Neural.SimpleRnn"/>.</summary>
    public static RecurrentLayer SimpleRnn(int units, Activation activation = Neural.Activation.Tanh, bool returnSequences = false) =>
        new SimpleRnn(units, activation, returnSequences);

    /// <summary>An LSTM layer; see <see cref="Neural.Lstm"/>.</summary>
    public static RecurrentLayer Lstm(int units, bool returnSequences = false) => new Lstm(units, returnSequences);

    /// <summary>A GRU layer (reset gate after the recurrent product); see <see cref="Neural.Gru"/>.</summary>
    public static RecurrentLayer Gru(int units, bool returnSequences = false) => new Gru(units, returnSequences);

    /// <summary>Runs <paramref name="layer"/> forwards and a copy backwards over the real steps, merging the outputs; see <see cref="Neural.Bidirectional"/>.</summary>
    public static Layer Bidirectional(RecurrentLayer layer, BidirectionalMerge merge = BidirectionalMerge.Concat) => new Bidirectional(layer, merge);

    /// <summary>Mean over the real (unpadded) steps: [time, features] → [features].</summary>
    public static Layer TemporalMeanPooling() => new TemporalMeanPooling();

    /// <summary>Maximum over the real (unpadded) steps: [time, features] → [features].</summary>
    public static Layer TemporalMaxPooling() => new TemporalMaxPooling();

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
