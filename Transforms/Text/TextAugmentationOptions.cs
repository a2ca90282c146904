namespace MLExt.Transforms;

/// <summary>
/// What <see cref="TextAugmenter"/> and <c>mlContext.Data.AugmentText</c> do to each copy of a text, word by word
/// (words are separated by whitespace; the copy joins them with single spaces). No synonyms: a replaced word is
/// drawn from a vocabulary. Validated when an augmenter is created; a setting out of range throws
/// <see cref="ArgumentOutOfRangeException"/> naming it.
/// </summary>
public sealed class TextAugmentationOptions
{
    /// <summary>Augmented copies made of each text (≥ 1). Default 1.</summary>
    public int CopiesPerText { get; set; } = 1;

    /// <summary>Whether the output keeps each original row before its copies. Default true.</summary>
    public bool KeepOriginals { get; set; } = true;

    /// <summary>Probability in [0, 1) that a word is dropped (a text keeps at least one word). Default 0.1.</summary>
    public float WordDropoutProbability { get; set; } = 0.1f;

    /// <summary>Probability in [0, 1] that a word changes place with the next one (each word moves at most once). Default 0.1.</summary>
    public float SwapProbability { get; set; } = 0.1f;

    /// <summary>Probability in [0, 1] that a word is replaced by a word drawn uniformly from <see cref="Vocabulary"/>. Default 0.1.</summary>
    public float ReplacementProbability { get; set; } = 0.1f;

    /// <summary>
    /// The words replacements are drawn from. Null (the default) takes, for <c>AugmentText</c>, the distinct words of the
    /// column in the data being augmented (the training vocabulary), in ordinal order; a fitted
    /// <see cref="TokenIdsTransformer.Vocabulary"/> also fits here. Needed when <see cref="ReplacementProbability"/> &gt; 0.
    /// </summary>
    public IReadOnlyList<string>? Vocabulary { get; set; }

    /// <summary>Seed: the same seed, data and options give the same texts. Default 0.</summary>
    public int Seed { get; set; }

    /// <summary>Throws when a setting is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Naming the setting.</exception>
    public void Validate()
    {
        Check(CopiesPerText >= 1, nameof(CopiesPerText), CopiesPerText, "must be at least 1");
        Check(WordDropoutProbability is >= 0f and < 1f, nameof(WordDropoutProbability), WordDropoutProbability, "must be in [0, 1)");
        Check(SwapProbability is >= 0f and <= 1f, nameof(SwapProbability), SwapProbability, "must be in [0, 1]");
        Check(ReplacementProbability is >= 0f and <= 1f, nameof(ReplacementProbability), ReplacementProbability, "must be in [0, 1]");
    }

    /// <summary>A copy, so that later changes to these options do not affect an augmenter.</summary>
    internal TextAugmentationOptions Clone() => (TextAugmentationOptions)MemberwiseClone();

    private static void Check(bool ok, string name, object value, string rule)
    {
        if (!ok) throw new ArgumentOutOfRangeException(name, value, $"TextAugmentationOptions.{name} {rule}.");
    }
}
