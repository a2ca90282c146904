namespace MLExt.Neural;

/// <summary>Maps layer type names in <see cref="LayerConfig"/> to the layers' factories.</summary>
internal static class LayerRegistry
{
    private static readonly Dictionary<string, Func<LayerConfig, Layer>> Factories = new(StringComparer.Ordinal)
    {
        [nameof(Dense)] = Dense.Create,
        [nameof(Dropout)] = Dropout.Create,
        [nameof(ActivationLayer)] = ActivationLayer.Create,
        [nameof(Conv2D)] = Conv2D.Create,
        [nameof(DepthwiseConv2D)] = DepthwiseConv2D.Create,
        [nameof(SeparableConv2D)] = SeparableConv2D.Create,
        [nameof(MaxPool2D)] = MaxPool2D.Create,
        [nameof(AvgPool2D)] = AvgPool2D.Create,
        [nameof(GlobalAveragePool2D)] = GlobalAveragePool2D.Create,
        [nameof(Flatten)] = Flatten.Create,
        [nameof(BatchNormalization)] = BatchNormalization.Create,
        [nameof(LayerNormalization)] = LayerNormalization.Create,
        [nameof(ResidualBlock)] = ResidualBlock.Create,
        [nameof(RandomFlip)] = RandomFlip.Create,
        [nameof(RandomTranslation)] = RandomTranslation.Create,
        [nameof(RandomRotation)] = RandomRotation.Create,
        [nameof(RandomZoom)] = RandomZoom.Create,
        [nameof(GaussianNoise)] = GaussianNoise.Create,
        [nameof(RandomBrightness)] = RandomBrightness.Create,
        [nameof(RandomContrast)] = RandomContrast.Create,
        [nameof(Embedding)] = Embedding.Create,
        [nameof(SimpleRnn)] = SimpleRnn.Create,
        [nameof(Lstm)] = Lstm.Create,
        [nameof(Gru)] = Gru.Create,
        [nameof(Bidirectional)] = Bidirectional.Create,
        [nameof(TemporalMeanPooling)] = TemporalMeanPooling.Create,
        [nameof(TemporalMaxPooling)] = TemporalMaxPooling.Create,
        [nameof(SinusoidalPositionalEncoding)] = SinusoidalPositionalEncoding.Create,
        [nameof(LearnedPositionalEncoding)] = LearnedPositionalEncoding.Create,
        [nameof(MultiHeadSelfAttention)] = MultiHeadSelfAttention.Create,
        [nameof(TransformerEncoderBlock)] = TransformerEncoderBlock.Create,
    };

    public static Layer Create(LayerConfig config)
    {
        if (!Factories.TryGetValue(config.Type, out var factory))
            throw new FormatException($"Unknown layer type '{config.Type}'. Known: {string.Join(", ", Factories.Keys.Order())}.");
        try
        {
            return factory(config);
        }
        catch (Exception e) when (e is not FormatException)
        {
            throw new FormatException($"Layer config {config} is invalid: {e.Message}", e);
        }
    }
}
