using MLExt.Neural.Onnx.Layers;

namespace MLExt.Neural.Onnx;

/// <summary>
/// Writes a built layer as ONNX operators: reads the value named by the input (<c>[N, ...InputShape]</c>)
/// and returns the name of the value it produces (<c>[N, ...OutputShape]</c>).
/// </summary>
internal delegate string OnnxLayerExporter(Layer layer, string input, OnnxGraphBuilder graph);

/// <summary>
/// The ONNX exporter of each layer type, keyed by the layer's class (or a base class, which covers all
/// its subclasses). A new layer gets one small file in <c>Neural/Onnx/Layers</c> and one line here. A
/// layer without an entry makes export fail with a message naming it, never a partial file.
/// </summary>
internal static class OnnxLayerExporters
{
    private static readonly Dictionary<Type, OnnxLayerExporter> Exporters = new()
    {
        [typeof(Dense)] = For<Dense>(DenseExporter.Export),
        [typeof(Slice)] = For<Slice>(SliceExporter.Export),
        [typeof(GaussianSampling)] = For<GaussianSampling>(GaussianSamplingExporter.Export),
        [typeof(ActivityRegularization)] = For<ActivityRegularization>(ActivityRegularizationExporter.Export),
        [typeof(Dropout)] = For<Dropout>(DropoutExporter.Export),
        [typeof(ActivationLayer)] = For<ActivationLayer>(ActivationLayerExporter.Export),
        [typeof(Flatten)] = For<Flatten>(FlattenExporter.Export),
        [typeof(Reshape)] = For<Reshape>(ReshapeExporter.Export),
        [typeof(Conv2D)] = For<Conv2D>(Conv2DExporter.Export),
        [typeof(Conv2DTranspose)] = For<Conv2DTranspose>(Conv2DTransposeExporter.Export),
        [typeof(Upsampling2D)] = For<Upsampling2D>(Upsampling2DExporter.Export),
        [typeof(DepthwiseConv2D)] = For<DepthwiseConv2D>(DepthwiseConv2DExporter.Export),
        [typeof(SeparableConv2D)] = For<SeparableConv2D>(SeparableConv2DExporter.Export),
        [typeof(MaxPool2D)] = For<MaxPool2D>(MaxPool2DExporter.Export),
        [typeof(AvgPool2D)] = For<AvgPool2D>(AvgPool2DExporter.Export),
        [typeof(GlobalAveragePool2D)] = For<GlobalAveragePool2D>(GlobalAveragePool2DExporter.Export),
        [typeof(BatchNormalization)] = For<BatchNormalization>(BatchNormalizationExporter.Export),
        [typeof(LayerNormalization)] = For<LayerNormalization>(LayerNormalizationExporter.Export),
        [typeof(ResidualBlock)] = For<ResidualBlock>(ResidualBlockExporter.Export),
        [typeof(Embedding)] = For<Embedding>(EmbeddingExporter.Export),
        // SimpleRnn, Lstm and Gru: ONNX's RNN, LSTM and GRU operators.
        [typeof(RecurrentLayer)] = For<RecurrentLayer>(RecurrentExporter.Export),
        [typeof(Bidirectional)] = For<Bidirectional>(BidirectionalExporter.Export),
        [typeof(TemporalPooling)] = For<TemporalPooling>(TemporalPoolingExporter.Export),
        [typeof(PositionalEncoding)] = For<PositionalEncoding>(PositionalEncodingExporter.Export),
        [typeof(MultiHeadSelfAttention)] = For<MultiHeadSelfAttention>(MultiHeadSelfAttentionExporter.Export),
        [typeof(TransformerEncoderBlock)] = For<TransformerEncoderBlock>(TransformerEncoderBlockExporter.Export),
        // Every augmentation layer (RandomFlip, RandomRotation, GaussianNoise, …) is an identity at inference.
        [typeof(AugmentationLayer)] = For<AugmentationLayer>(AugmentationExporter.Export),
    };

    private static readonly object Gate = new();

    /// <summary>The layer types that can be exported (a base class stands for its subclasses).</summary>
    public static IEnumerable<string> SupportedTypes
    {
        get { lock (Gate) return Exporters.Keys.Select(t => t.Name).Order().ToArray(); }
    }

    /// <summary>Whether layers of <paramref name="type"/> can be exported.</summary>
    public static bool CanExport(Type type) => Find(type) is not null;

    /// <summary>Adds the exporter of a user's layer type (<see cref="OnnxExporterRegistry"/>).</summary>
    /// <exception cref="ArgumentException">The type already has one.</exception>
    public static void Register(Type type, OnnxLayerExporter exporter)
    {
        lock (Gate)
        {
            if (!Exporters.TryAdd(type, exporter))
                throw new ArgumentException($"Layer type {type.Name} already has an ONNX exporter.", nameof(type));
        }
    }

    private static OnnxLayerExporter? Find(Type? type)
    {
        lock (Gate)
        {
            for (; type is not null && type != typeof(Layer); type = type.BaseType)
                if (Exporters.TryGetValue(type, out var exporter)) return exporter;
        }
        return null;
    }

    /// <summary>Exports <paramref name="layer"/>; <paramref name="path"/> names it (and its enclosing layers) in errors.</summary>
    /// <exception cref="NotSupportedException">No exporter for the layer's type, or the exporter rejected its settings.</exception>
    public static string Export(Layer layer, string input, OnnxGraphBuilder graph, string path)
    {
        if (!layer.IsBuilt)
            throw new InvalidOperationException($"Layer {path} is not built; build (train) the network before exporting it.");
        if (Find(layer.GetType()) is not { } exporter)
            throw new NotSupportedException(
                $"Layer {path} ({layer}) cannot be exported to ONNX: MLExt has no ONNX exporter for {layer.GetType().Name}. Layers that export: {string.Join(", ", SupportedTypes)}.");
        try
        {
            return exporter(layer, input, graph);
        }
        catch (NotSupportedException e) when (!e.Message.StartsWith("Layer ", StringComparison.Ordinal))
        {
            throw new NotSupportedException($"Layer {path} ({layer}) cannot be exported to ONNX: {e.Message}", e);
        }
    }

    private static OnnxLayerExporter For<TLayer>(Func<TLayer, string, OnnxGraphBuilder, string> export) where TLayer : Layer =>
        (layer, input, graph) => export((TLayer)layer, input, graph);
}
