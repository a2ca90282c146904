using MLExt.Transforms;

namespace MLExt.Cli.Text;

/// <summary>How text becomes a sequence model's input, and the size of the sequence networks.</summary>
/// <param name="MaxLength">Token ids per text (longer texts are truncated, shorter ones padded on the right).</param>
/// <param name="VocabularySize">Most ids, the padding and out-of-vocabulary ids included: the embedding's input size.</param>
/// <param name="MinimumCount">Words seen fewer times in the training texts are out of vocabulary.</param>
/// <param name="EmbeddingDimension">Length of each word vector, also the LSTM/GRU width and the Transformer's model width.</param>
internal sealed record TextSettings(int MaxLength = 128, int VocabularySize = 10_000, int MinimumCount = 2, int EmbeddingDimension = 64)
{
    /// <summary>The tokenizer options writing <paramref name="output"/> from <paramref name="input"/>.</summary>
    public TokenIdsOptions Tokenizer(string output, string input) => new()
    {
        OutputColumnName = output,
        InputColumnName = input,
        MaximumLength = MaxLength,
        MaximumVocabularySize = VocabularySize,
        MinimumCount = MinimumCount,
    };

    /// <summary>A one-line description.</summary>
    public string Describe() =>
        $"first {MaxLength} words, vocabulary of up to {VocabularySize:N0} ids (words seen at least {MinimumCount} times; 0 padding, 1 unknown), embedding {EmbeddingDimension}";
}
