using Microsoft.ML.Tokenizers;

namespace MLExt.Transforms;

/// <summary>
/// The subword tokenizers of <see cref="TokenizerKind"/>, each created once per process from its data package
/// (o200k takes about a second to read) and shared: Microsoft.ML.Tokenizers' Tiktoken tokenizer is thread-safe.
/// </summary>
internal static class SubwordTokenizers
{
    private static readonly Lazy<Tokenizer> Gpt2 = new(() => TiktokenTokenizer.CreateForModel("gpt2"));
    private static readonly Lazy<Tokenizer> Cl100k = new(() => TiktokenTokenizer.CreateForEncoding("cl100k_base"));
    private static readonly Lazy<Tokenizer> O200k = new(() => TiktokenTokenizer.CreateForEncoding("o200k_base"));

    /// <summary>The tokenizer of a subword <paramref name="kind"/>.</summary>
    public static Tokenizer Get(TokenizerKind kind) => kind switch
    {
        TokenizerKind.Gpt2 => Gpt2.Value,
        TokenizerKind.Cl100k => Cl100k.Value,
        TokenizerKind.O200k => O200k.Value,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a subword tokenizer."),
    };

    /// <summary>The tokenizer's ids of <paramref name="text"/>, as floats (exact: every id is below 2²⁴).</summary>
    public static float[] Encode(TokenizerKind kind, ReadOnlySpan<char> text)
    {
        var ids = Get(kind).EncodeToIds(text);
        var result = new float[ids.Count];
        for (int i = 0; i < result.Length; i++) result[i] = ids[i];
        return result;
    }

    /// <summary>The text of one token (byte-level pieces of a character may decode to U+FFFD).</summary>
    public static string Decode(TokenizerKind kind, int id) => Get(kind).Decode([id]);
}
