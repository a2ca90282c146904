using MLExt.Neural;

namespace MLExt.Cli.Text;

/// <summary>The hidden layers of each sequence network; the trainer adds the output layer.</summary>
internal static class TextNetworks
{
    /// <summary>Attention heads of the Transformer encoder.</summary>
    public const int Heads = 4;

    /// <summary>
    /// Hidden layers reading token ids [MaxLength]: an embedding with padding id 0 (its mask reaches every later
    /// layer), then the kind's sequence layers, ending in one vector per text.
    /// </summary>
    public static List<Layer> Create(TextNetworkKind kind, TextSettings text)
    {
        int d = text.EmbeddingDimension;
        var embedding = Layer.Embedding(text.VocabularySize, d, paddingIndex: 0);
        return kind switch
        {
            TextNetworkKind.Lstm => [embedding, Layer.Lstm(d)],
            TextNetworkKind.Gru => [embedding, Layer.Gru(d)],
            TextNetworkKind.Transformer =>
            [
                embedding, Layer.SinusoidalPositionalEncoding(text.MaxLength),
                Layer.TransformerEncoder(d, Heads, 2 * d, dropout: 0.1f), Layer.TemporalMeanPooling(),
            ],
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "The bag-of-words model has no sequence layers."),
        };
    }

    /// <summary>How the network is printed.</summary>
    public static string Describe(TextNetworkKind kind, TextSettings text) => kind switch
    {
        TextNetworkKind.Bow => "bag of words: ML.NET FeaturizeText (word 1–2-grams and character 1–3-grams)",
        TextNetworkKind.Lstm => $"embedding {text.EmbeddingDimension} – LSTM {text.EmbeddingDimension} (last state)",
        TextNetworkKind.Gru => $"embedding {text.EmbeddingDimension} – GRU {text.EmbeddingDimension} (last state)",
        _ => $"embedding {text.EmbeddingDimension} + sinusoidal positions – Transformer encoder ({Heads} heads, feed-forward {2 * text.EmbeddingDimension}, dropout 0.1) – masked mean over time",
    };

    /// <summary>The display name of a model, such as <c>MLExt LSTM</c>.</summary>
    public static string Name(TextNetworkKind kind) => kind switch
    {
        TextNetworkKind.Bow => "MLExt bag-of-words MLP",
        TextNetworkKind.Lstm => "MLExt LSTM",
        TextNetworkKind.Gru => "MLExt GRU",
        _ => "MLExt Transformer",
    };
}
