namespace MLExt.Neural;

/// <summary>What a <see cref="ModelGraph"/> input holds.</summary>
public enum GraphInputKind
{
    /// <summary>Float values, such as numeric features or image pixels.</summary>
    Float,

    /// <summary>
    /// Token ids <c>[time]</c> as floats holding integers (padding included), read by an <see cref="Embedding"/>;
    /// an embedding with a padding index derives the padding mask from them and the mask flows along the graph's edges.
    /// </summary>
    TokenIds,
}
