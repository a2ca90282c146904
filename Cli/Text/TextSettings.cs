using System.Text.Json.Serialization;
using MLExt.Transforms;

namespace MLExt.Cli.Text;

/// <summary>How text becomes a sequence model's input, and the size of the sequence networks.</summary>
/// <param name="MaxLength">Token ids per text (longer texts are truncated, shorter ones padded on the right).</param>
/// <param name="VocabularySize">Most ids, the padding and out-of-vocabulary ids included: the embedding's input size.</param>
/// <param name="MinimumCount">Tokens seen fewer times in the training texts are out of vocabulary.</param>
/// <param name="EmbeddingDimension">Length of each token vector, also the LSTM/GRU width and the Transformer's model width.</param>
/// <param name="Tokenizer">Words, or a subword tokenizer (<c>--tokenizer</c>).</param>
internal sealed record TextSettings(int MaxLength = 128, int VocabularySize = 10_000, int MinimumCount = 2, int EmbeddingDimension = 64,
    [property: JsonIgnore] TokenizerKind Tokenizer = TokenizerKind.Words)
{
    /// <summary>The tokenizer as <c>--tokenizer</c> names it (the JSON output's <c>tokenizer</c>).</summary>
    [JsonPropertyName("tokenizer")]
    public string TokenizerName => TokenizerNames[(int)Tokenizer];

    /// <summary>The names <c>--tokenizer</c> accepts, in <see cref="TokenizerKind"/> order.</summary>
    public static readonly string[] TokenizerNames = ["words", "gpt2", "cl100k", "o200k"];

    /// <summary>The tokenizer named <paramref name="name"/> (one of <see cref="TokenizerNames"/>).</summary>
    public static TokenizerKind ParseTokenizer(string name)
    {
        int index = Array.IndexOf(TokenizerNames, name.ToLowerInvariant());
        return index >= 0 ? (TokenizerKind)index
            : throw new UserException($"--tokenizer must be {string.Join(", ", TokenizerNames[..^1])} or {TokenizerNames[^1]}, got '{name}'");
    }

    /// <summary>The <c>TokenizeToIds</c> options writing <paramref name="output"/> from <paramref name="input"/>.</summary>
    public TokenIdsOptions TokenIds(string output, string input) => new()
    {
        OutputColumnName = output,
        InputColumnName = input,
        MaximumLength = MaxLength,
        MaximumVocabularySize = VocabularySize,
        MinimumCount = MinimumCount,
        Tokenizer = Tokenizer,
    };

    /// <summary>A one-line description.</summary>
    public string Describe()
    {
        string tokens = Tokenizer == TokenizerKind.Words ? "words" : $"{TokenizerName} subword tokens";
        return $"first {MaxLength} {tokens}, vocabulary of up to {VocabularySize:N0} ids ({tokens} seen at least {MinimumCount} times in training; 0 padding, 1 unknown), embedding {EmbeddingDimension}";
    }
}
