namespace MLExt.Cli.Text;

/// <summary>The text models <c>--network</c> offers.</summary>
internal enum TextNetworkKind
{
    /// <summary>Bag of words: ML.NET's <c>FeaturizeText</c> (word and character n-grams), then a linear model or dense layers.</summary>
    Bow,
    /// <summary>Token ids → embedding → LSTM (last state).</summary>
    Lstm,
    /// <summary>Token ids → embedding → GRU (last state).</summary>
    Gru,
    /// <summary>Token ids → embedding + sinusoidal positions → Transformer encoder blocks → masked mean over time.</summary>
    Transformer,
}
