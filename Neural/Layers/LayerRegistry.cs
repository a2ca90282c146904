namespace MLExt.Neural;

/// <summary>
/// Maps layer type names in <see cref="LayerConfig"/> to the layers' factories, so that <see cref="Layer.FromConfig"/>,
/// <see cref="Layer.CloneUnbuilt"/>, shared graph layers and checkpoints can rebuild a layer from its configuration.
/// Built-in layers are registered; a layer written by a user is registered once with <see cref="Register"/>.
/// </summary>
public static class LayerRegistry
{
    private static readonly object Gate = new();
    private static readonly Dictionary<string, Func<LayerConfig, Layer>> Factories = new(StringComparer.Ordinal)
    {
        [nameof(Slice)] = Slice.Create,
        [nameof(ActivityRegularization)] = ActivityRegularization.Create,
        [nameof(GaussianSampling)] = GaussianSampling.Create,
        [nameof(Dense)] = Dense.Create,
        [nameof(Dropout)] = Dropout.Create,
        [nameof(ActivationLayer)] = ActivationLayer.Create,
        [nameof(Conv2D)] = Conv2D.Create,
        [nameof(Conv2DTranspose)] = Conv2DTranspose.Create,
        [nameof(Upsampling2D)] = Upsampling2D.Create,
        [nameof(DepthwiseConv2D)] = DepthwiseConv2D.Create,
        [nameof(SeparableConv2D)] = SeparableConv2D.Create,
        [nameof(MaxPool2D)] = MaxPool2D.Create,
        [nameof(AvgPool2D)] = AvgPool2D.Create,
        [nameof(GlobalAveragePool2D)] = GlobalAveragePool2D.Create,
        [nameof(Flatten)] = Flatten.Create,
        [nameof(Reshape)] = Reshape.Create,
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

    /// <summary>
    /// Registers the factory of layers whose <see cref="LayerConfig.Type"/> is <paramref name="typeName"/> (the name
    /// the layer's <see cref="Layer.GetConfig"/> writes). Registering the same factory again is allowed.
    /// </summary>
    /// <exception cref="ArgumentException">The name is empty, or already registered with another factory.</exception>
    public static void Register(string typeName, Func<LayerConfig, Layer> factory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(typeName);
        ArgumentNullException.ThrowIfNull(factory);
        lock (Gate)
        {
            if (Factories.TryGetValue(typeName, out var existing) && existing != factory)
                throw new ArgumentException($"Layer type '{typeName}' is already registered with another factory.", nameof(typeName));
            Factories[typeName] = factory;
        }
    }

    /// <summary>Whether layers of this type name can be rebuilt from their configuration.</summary>
    public static bool IsRegistered(string typeName)
    {
        lock (Gate) return Factories.ContainsKey(typeName);
    }

    /// <summary>The registered type names, sorted.</summary>
    public static IReadOnlyList<string> TypeNames
    {
        get { lock (Gate) return Factories.Keys.Order(StringComparer.Ordinal).ToArray(); }
    }

    /// <summary>Rebuilds an unbuilt layer from its configuration.</summary>
    /// <exception cref="FormatException">Unknown layer type or malformed settings.</exception>
    public static Layer Create(LayerConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        Func<LayerConfig, Layer>? factory;
        lock (Gate) Factories.TryGetValue(config.Type, out factory);
        if (factory is null)
            throw new FormatException(
                $"Unknown layer type '{config.Type}'. Known: {string.Join(", ", TypeNames)}. A layer written by a user is registered with LayerRegistry.Register.");
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
