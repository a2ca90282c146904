namespace MLExt.Transforms;

/// <summary>
/// Settings of <c>mlContext.Transforms.Text.TokenizeToIds</c>: how text is normalised and split into words, how large
/// the vocabulary may be, and the fixed length of the id vector. Validated by the estimator, which throws
/// <see cref="ArgumentOutOfRangeException"/> or <see cref="ArgumentException"/> naming the setting.
/// </summary>
public sealed class TokenIdsOptions
{
    /// <summary>The largest <see cref="MaximumLength"/> supported: 1,024 ids.</summary>
    /// <remarks>
    /// A saved model must rebuild the id vector with ML.NET's built-ins and a stateless mapping whose output size is
    /// fixed when MLExt is compiled; that mapping pads to this length and ML.NET's <c>DropSlots</c> then keeps the
    /// first <see cref="MaximumLength"/> slots.
    /// </remarks>
    public const int MaximumSupportedLength = 1024;

    /// <summary>The output column: a vector of <see cref="MaximumLength"/> <see cref="float"/> ids.</summary>
    public string OutputColumnName { get; set; } = "Tokens";

    /// <summary>The text column read; null reads <see cref="OutputColumnName"/>.</summary>
    public string? InputColumnName { get; set; }

    /// <summary>Ids per row (1 to <see cref="MaximumSupportedLength"/>): longer texts are truncated, shorter ones padded with 0 on the right. Default 128.</summary>
    public int MaximumLength { get; set; } = 128;

    /// <summary>
    /// The most ids, counting the two reserved ones (0 = padding, 1 = out of vocabulary), so at most
    /// <c>MaximumVocabularySize − 2</c> words: the most frequent in the training data (ties in ordinal order). At least 3.
    /// Use it (or the fitted transformer's <see cref="TokenIdsTransformer.VocabularySize"/>) as an embedding's input size. Default 20,000.
    /// </summary>
    public int MaximumVocabularySize { get; set; } = 20_000;

    /// <summary>Words seen fewer times than this in the training data are out of vocabulary (≥ 1). Default 2.</summary>
    public int MinimumCount { get; set; } = 2;

    /// <summary>
    /// How text is split into tokens: <see cref="TokenizerKind.Words"/> (the default) on <see cref="Separators"/>, or a
    /// byte-level BPE subword tokenizer (<see cref="TokenizerKind.Gpt2"/>, <see cref="TokenizerKind.Cl100k"/>,
    /// <see cref="TokenizerKind.O200k"/>) that splits any text into known pieces. Either way the vocabulary is the
    /// tokens seen in the training data (so the ids stay below <see cref="MaximumVocabularySize"/>), and
    /// normalisation (<see cref="Lowercase"/>, <see cref="KeepNumbers"/>, <see cref="KeepDiacritics"/>) applies first.
    /// </summary>
    public TokenizerKind Tokenizer { get; set; } = TokenizerKind.Words;

    /// <summary>Characters that separate words (with <see cref="TokenizerKind.Words"/>). Default: whitespace and ASCII punctuation.</summary>
    public char[] Separators { get; set; } = DefaultSeparators.ToCharArray();

    /// <summary>Whether text is lowercased before splitting. Default true.</summary>
    public bool Lowercase { get; set; } = true;

    /// <summary>Whether digits are kept (false removes them). Default true.</summary>
    public bool KeepNumbers { get; set; } = true;

    /// <summary>Whether accents are kept (false maps "é" to "e"). Default false.</summary>
    public bool KeepDiacritics { get; set; }

    /// <summary>Whitespace and ASCII punctuation.</summary>
    public const string DefaultSeparators = " \t\r\n.,;:!?\"'`()[]{}<>/\\|-_=+*&^%$#@~";

    /// <summary>Throws when a setting is out of range.</summary>
    /// <exception cref="ArgumentException">A column name is empty, or no separator is given.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A number is out of range (named).</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(OutputColumnName))
            throw new ArgumentException("OutputColumnName must name a column.", nameof(OutputColumnName));
        if (InputColumnName is not null && string.IsNullOrWhiteSpace(InputColumnName))
            throw new ArgumentException("InputColumnName must name a column (or be null to read OutputColumnName).", nameof(InputColumnName));
        if (MaximumLength is <= 0 or > MaximumSupportedLength)
            throw new ArgumentOutOfRangeException(nameof(MaximumLength), MaximumLength, $"MaximumLength (ids per row) must be in [1, {MaximumSupportedLength}].");
        if (MaximumVocabularySize < 3)
            throw new ArgumentOutOfRangeException(nameof(MaximumVocabularySize), MaximumVocabularySize, "MaximumVocabularySize counts the padding and out-of-vocabulary ids, so it must be at least 3.");
        if (MinimumCount < 1)
            throw new ArgumentOutOfRangeException(nameof(MinimumCount), MinimumCount, "MinimumCount must be at least 1.");
        if (!Enum.IsDefined(Tokenizer))
            throw new ArgumentOutOfRangeException(nameof(Tokenizer), Tokenizer, "Tokenizer must be Words, Gpt2, Cl100k or O200k.");
        if (Separators is null || Separators.Length == 0)
            throw new ArgumentException("Separators must hold at least one character.", nameof(Separators));
    }

    internal TokenIdsOptions Clone()
    {
        var copy = (TokenIdsOptions)MemberwiseClone();
        copy.Separators = (char[])Separators.Clone();
        return copy;
    }
}
