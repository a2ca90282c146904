using MLExt.Neural;
using MLExt.Tests.Neural;

namespace MLExt.Tests.Onnx;

/// <summary>
/// For every layer type, small networks containing it (with the per-sample input shape) whose ONNX
/// export is run in ONNX Runtime and compared with MLExt's forward pass. Add a layer type here when
/// you add its exporter; <see cref="OnnxExportTests.EveryLayerTypeHasAnExportCase"/> fails until you do.
/// </summary>
internal static class OnnxLayerCases
{
    public static readonly Activation[] Activations = Enum.GetValues<Activation>();

    /// <summary>Case name → (layer type under test, input shape, network factory).</summary>
    public static IEnumerable<(string Name, Type LayerType, int[] InputShape, Func<Layer[]> Layers)> All()
    {
        foreach (var a in Activations)
        {
            yield return ($"Dense {a}", typeof(Dense), [7], () => [new Dense(5, a)]);
            yield return ($"Dense {a} without bias", typeof(Dense), [7], () => [new Dense(4, a, useBias: false)]);
            yield return ($"ActivationLayer {a}", typeof(ActivationLayer), [3, 6], () => [new ActivationLayer(a)]);
        }
        yield return ("Dense LeakyRelu alpha 0.2", typeof(Dense), [6], () => [new Dense(5, Activation.LeakyRelu, activationAlpha: 0.2f)]);
        yield return ("Dense Elu alpha 0.5", typeof(Dense), [6], () => [new Dense(5, Activation.Elu, activationAlpha: 0.5f)]);
        yield return ("ActivationLayer LeakyRelu alpha 0.3", typeof(ActivationLayer), [9], () => [new ActivationLayer(Activation.LeakyRelu, 0.3f)]);
        yield return ("ActivationLayer Elu alpha 2", typeof(ActivationLayer), [9], () => [new ActivationLayer(Activation.Elu, 2f)]);
        yield return ("Dropout between Dense layers", typeof(Dropout), [8], () => [new Dense(16, Activation.Relu), new Dropout(0.5f), new Dense(3)]);
        foreach (var (name, type, shape, layers) in ImageCases()) yield return (name, type, shape, layers);
        foreach (var (name, type, shape, layers) in SequenceCases()) yield return (name, type, shape, layers);
        foreach (var (name, type, shape, layers) in AttentionCases()) yield return (name, type, shape, layers);
        yield return ("Slice middle steps", typeof(Slice), [5, 4], () => [new Slice(0, 1, 3), new Dense(2)]);
        yield return ("Slice last axis", typeof(Slice), Image, () => [new Slice(-1, 2, 5)]);
        yield return ("ActivityRegularization between Dense layers", typeof(ActivityRegularization), [6],
            () => [new Dense(4, Activation.Tanh), new ActivityRegularization(0.1f, 0.1f), new Dense(2)]);
        yield return ("GaussianSampling mean at inference", typeof(GaussianSampling), [6], () => [new Dense(8), new GaussianSampling(), new Dense(2)]);
        yield return ("Multilayer perceptron", typeof(Dense), [10], () =>
            [new Dense(32, Activation.Gelu), new Dropout(0.2f), new Dense(16, Activation.Tanh), new ActivationLayer(Activation.Elu), new Dense(4, Activation.Softmax)]);
    }

    private static readonly int[] Image = [3, 9, 8];

    private static IEnumerable<(string, Type, int[], Func<Layer[]>)> ImageCases()
    {
        yield return ("Conv2D valid 3x3", typeof(Conv2D), Image, () => [new Conv2D(4, 3)]);
        yield return ("Conv2D same stride 2 (uneven padding) Relu", typeof(Conv2D), Image, () => [new Conv2D(5, 3, stride: 2, padding: Padding.Same, activation: Activation.Relu)]);
        yield return ("Conv2D dilation 2 Gelu", typeof(Conv2D), Image, () => [new Conv2D(4, new Size2D(3, 2), dilation: 2, activation: Activation.Gelu)]);
        yield return ("Conv2D 3 groups explicit padding no bias", typeof(Conv2D), Image,
            () => [new Conv2D(6, 3, padding: Padding.Explicit(1, 2, 0, 1), groups: 3, useBias: false, activation: Activation.LeakyRelu, activationAlpha: 0.2f)]);
        yield return ("Conv2DTranspose valid 3x3", typeof(Conv2DTranspose), Image, () => [new Conv2DTranspose(4, 3)]);
        yield return ("Conv2DTranspose same stride 2 Relu", typeof(Conv2DTranspose), Image,
            () => [new Conv2DTranspose(5, 3, stride: 2, padding: Padding.Same, activation: Activation.Relu)]);
        yield return ("Conv2DTranspose stride 2 output padding explicit uneven padding no bias", typeof(Conv2DTranspose), Image,
            () => [new Conv2DTranspose(3, new Size2D(4, 3), stride: new Size2D(2, 3), padding: Padding.Explicit(1, 2, 0, 1),
                outputPadding: new Size2D(1, 2), useBias: false, activation: Activation.Sigmoid)]);
        yield return ("Conv2DTranspose dilation 2 stride 2", typeof(Conv2DTranspose), Image,
            () => [new Conv2DTranspose(2, 3, stride: 2, dilation: 2, padding: Padding.Same, outputPadding: 1)]);
        yield return ("Upsampling2D nearest 2x3", typeof(Upsampling2D), Image, () => [new Upsampling2D(new Size2D(2, 3))]);
        yield return ("Upsampling2D bilinear 2x2", typeof(Upsampling2D), Image, () => [new Upsampling2D(2, UpsamplingInterpolation.Bilinear)]);
        yield return ("Upsampling2D bilinear 3x4", typeof(Upsampling2D), Image,
            () => [new Upsampling2D(new Size2D(3, 4), UpsamplingInterpolation.Bilinear)]);
        yield return ("DepthwiseConv2D multiplier 2 same Tanh", typeof(DepthwiseConv2D), Image,
            () => [new DepthwiseConv2D(3, stride: 2, padding: Padding.Same, depthMultiplier: 2, activation: Activation.Tanh)]);
        yield return ("SeparableConv2D", typeof(SeparableConv2D), Image, () => [new SeparableConv2D(5, 3, padding: Padding.Same, activation: Activation.Elu)]);
        yield return ("MaxPool2D 2x2", typeof(MaxPool2D), Image, () => [new MaxPool2D(2)]);
        yield return ("MaxPool2D 3x3 stride 2 same", typeof(MaxPool2D), Image, () => [new MaxPool2D(3, 2, Padding.Same)]);
        yield return ("AvgPool2D 2x2", typeof(AvgPool2D), Image, () => [new AvgPool2D(2)]);
        yield return ("AvgPool2D 3x3 stride 2 same (padding not counted)", typeof(AvgPool2D), Image, () => [new AvgPool2D(3, 2, Padding.Same)]);
        yield return ("GlobalAveragePool2D", typeof(GlobalAveragePool2D), Image, () => [new Conv2D(4, 3), new GlobalAveragePool2D(), new Dense(2)]);
        yield return ("Flatten", typeof(Flatten), Image, () => [new Conv2D(2, 3, activation: Activation.Relu), new Flatten(), new Dense(3)]);
        yield return ("Reshape", typeof(Reshape), [12], () => [new Dense(18), new Reshape(2, 3, 3), new Conv2D(2, 2)]);
        yield return ("BatchNormalization dense", typeof(BatchNormalization), [6], () => [new BatchNormalization(), new Dense(3)]);
        yield return ("BatchNormalization image", typeof(BatchNormalization), Image, () => [new Conv2D(4, 3), new BatchNormalization(epsilon: 1e-2f)]);
        yield return ("LayerNormalization last axis", typeof(LayerNormalization), [6], () => [new LayerNormalization(), new Dense(3)]);
        yield return ("LayerNormalization whole image", typeof(LayerNormalization), Image, () => [new LayerNormalization(3, 1e-5f)]);
        yield return ("LayerNormalization last two axes", typeof(LayerNormalization), Image, () => [new LayerNormalization(2)]);
        yield return ("ResidualBlock identity", typeof(ResidualBlock), Image, () => [new ResidualBlock(3)]);
        yield return ("ResidualBlock projection stride 2", typeof(ResidualBlock), Image, () => [new ResidualBlock(6, stride: 2)]);
        yield return ("Augmentation layers vanish", typeof(AugmentationLayer), Image, () =>
            [new RandomFlip(), new RandomTranslation(1), new RandomRotation(10), new RandomZoom(), new GaussianNoise(0.1f), new RandomBrightness(0.1f),
             new RandomContrast(), new Conv2D(2, 3)]);
        yield return ("Small convolutional network", typeof(Conv2D), Image, () =>
            [new RandomFlip(), new Conv2D(8, 3, padding: Padding.Same, activation: Activation.Relu), new BatchNormalization(), new MaxPool2D(2),
             new ResidualBlock(8), new SeparableConv2D(8, 3, padding: Padding.Same), new GlobalAveragePool2D(), new Dropout(0.3f), new Dense(4, Activation.Softmax)]);
    }

    private static readonly int[] Sequence = [6, 3];
    private static readonly int[] Tokens = [6];

    /// <summary>Token-id cases are named "Tokens …": their inputs are ids in [0, <see cref="Vocabulary"/>), right-padded with id 0.</summary>
    private const int Vocabulary = 11;

    private static IEnumerable<(string, Type, int[], Func<Layer[]>)> SequenceCases()
    {
        foreach (var a in new[] { Activation.Tanh, Activation.Relu, Activation.Sigmoid, Activation.None })
        {
            yield return ($"SimpleRnn {a} last state", typeof(SimpleRnn), Sequence, () => [new SimpleRnn(5, a)]);
            yield return ($"SimpleRnn {a} sequences", typeof(SimpleRnn), Sequence, () => [new SimpleRnn(4, a, returnSequences: true)]);
        }
        yield return ("Lstm last state", typeof(Lstm), Sequence, () => [new Lstm(5)]);
        yield return ("Lstm sequences", typeof(Lstm), Sequence, () => [new Lstm(4, returnSequences: true)]);
        yield return ("Gru last state", typeof(Gru), Sequence, () => [new Gru(5)]);
        yield return ("Gru sequences", typeof(Gru), Sequence, () => [new Gru(4, returnSequences: true)]);
        yield return ("Bidirectional Lstm concat sequences", typeof(Bidirectional), Sequence, () => [new Bidirectional(new Lstm(4, true))]);
        yield return ("Bidirectional Gru sum last state", typeof(Bidirectional), Sequence, () => [new Bidirectional(new Gru(4), BidirectionalMerge.Sum)]);
        yield return ("Bidirectional SimpleRnn concat last state", typeof(Bidirectional), Sequence, () => [new Bidirectional(new SimpleRnn(3))]);
        yield return ("TemporalMeanPooling", typeof(TemporalMeanPooling), Sequence, () => [new TemporalMeanPooling()]);
        yield return ("TemporalMaxPooling", typeof(TemporalMaxPooling), Sequence, () => [new TemporalMaxPooling()]);
        yield return ("Tokens Embedding without padding", typeof(Embedding), Tokens, () => [new Embedding(Vocabulary, 4)]);
        yield return ("Tokens Embedding padding then mean pooling", typeof(TemporalMeanPooling), Tokens, () => [new Embedding(Vocabulary, 4, 0), new TemporalMeanPooling()]);
        yield return ("Tokens Embedding padding then max pooling", typeof(TemporalMaxPooling), Tokens, () => [new Embedding(Vocabulary, 4, 0), new TemporalMaxPooling()]);
        yield return ("Tokens Lstm last state of padded sequences", typeof(Lstm), Tokens, () => [new Embedding(Vocabulary, 4, 0), new Lstm(5), new Dense(2)]);
        yield return ("Tokens Gru sequences then mean pooling", typeof(Gru), Tokens,
            () => [new Embedding(Vocabulary, 4, 0), new Gru(5, returnSequences: true), new TemporalMeanPooling(), new Dense(2)]);
        yield return ("Tokens SimpleRnn sequences then max pooling", typeof(SimpleRnn), Tokens,
            () => [new Embedding(Vocabulary, 4, 0), new SimpleRnn(5, returnSequences: true), new TemporalMaxPooling()]);
        yield return ("Tokens stacked Lstm", typeof(Lstm), Tokens, () => [new Embedding(Vocabulary, 4, 0), new Lstm(5, true), new Lstm(3), new Dense(2)]);
        yield return ("Tokens Bidirectional Lstm concat sequences then max pooling", typeof(Bidirectional), Tokens,
            () => [new Embedding(Vocabulary, 4, 0), new Bidirectional(new Lstm(4, true)), new TemporalMaxPooling(), new Dense(2)]);
        yield return ("Tokens Bidirectional Gru sum last state", typeof(Bidirectional), Tokens,
            () => [new Embedding(Vocabulary, 4, 0), new Bidirectional(new Gru(4), BidirectionalMerge.Sum)]);
        yield return ("Tokens Bidirectional SimpleRnn sum sequences", typeof(Bidirectional), Tokens,
            () => [new Embedding(Vocabulary, 4, 0), new Bidirectional(new SimpleRnn(3, returnSequences: true), BidirectionalMerge.Sum)]);
    }

    /// <summary>
    /// The input of a case: Gaussian values of scale 2 (reaching the saturating and negative parts of every activation), or
    /// for "Tokens …" cases right-padded ids: row i of a batch keeps time − (2i mod (time + 1)) real steps (one row has none).
    /// </summary>
    public static Tensor Input(string name, RandomSource random, int[] shape)
    {
        if (!name.StartsWith("Tokens ", StringComparison.Ordinal)) return TestTensors.Gaussian(random, shape, scale: 2f);
        var ids = new Tensor(shape);
        int steps = shape[1];
        for (int b = 0; b < shape[0]; b++)
            for (int t = 0; t < steps - 2 * b % (steps + 1); t++) ids[b * steps + t] = 1 + random.NextInt(Vocabulary - 1);
        return ids;
    }

    private static readonly int[] AttentionSequence = [5, 6];

    private static IEnumerable<(string, Type, int[], Func<Layer[]>)> AttentionCases()
    {
        yield return ("Dense on sequences", typeof(Dense), AttentionSequence, () => [new Dense(4, Activation.Gelu), new Dense(3, useBias: false), new Dense(2, Activation.Softmax)]);
        yield return ("SinusoidalPositionalEncoding", typeof(SinusoidalPositionalEncoding), AttentionSequence, () => [new SinusoidalPositionalEncoding(8), new Dense(3)]);
        yield return ("LearnedPositionalEncoding", typeof(LearnedPositionalEncoding), AttentionSequence, () => [new LearnedPositionalEncoding(9)]);
        yield return ("MultiHeadSelfAttention", typeof(MultiHeadSelfAttention), AttentionSequence, () => [new MultiHeadSelfAttention(2, 3)]);
        yield return ("MultiHeadSelfAttention one head without bias", typeof(MultiHeadSelfAttention), AttentionSequence, () => [new MultiHeadSelfAttention(1, 4, dropout: 0.2f, useBias: false)]);
        yield return ("TransformerEncoderBlock pre-norm", typeof(TransformerEncoderBlock), AttentionSequence, () => [new TransformerEncoderBlock(6, 2, 10)]);
        yield return ("TransformerEncoderBlock post-norm", typeof(TransformerEncoderBlock), AttentionSequence, () => [new TransformerEncoderBlock(6, 3, 8, normFirst: false)]);
        yield return ("Small Transformer classifier", typeof(TransformerEncoderBlock), [7, 4], () =>
            [new Dense(8), new LearnedPositionalEncoding(16), new TransformerEncoderBlock(8, 2, 16), new TransformerEncoderBlock(8, 4, 12, normFirst: false),
             new Flatten(), new Dense(3, Activation.Softmax)]);
        // The embedding's padding mask reaches the attention in the graph as in MLExt (one row is all padding).
        yield return ("Tokens MultiHeadSelfAttention of padded sequences", typeof(MultiHeadSelfAttention), Tokens,
            () => [new Embedding(Vocabulary, 6, 0), new MultiHeadSelfAttention(2, 3), new TemporalMeanPooling()]);
        yield return ("Tokens Transformer encoder classifier", typeof(TransformerEncoderBlock), Tokens,
            () => [new Embedding(Vocabulary, 8, 0), new SinusoidalPositionalEncoding(), new TransformerEncoderBlock(8, 2, 16),
                   new TransformerEncoderBlock(8, 4, 12, normFirst: false), new TemporalMeanPooling(), new Dense(2)]);
    }

    public static IEnumerable<object[]> Names() => All().Select(c => new object[] { c.Name });

    public static (string Name, Type LayerType, int[] InputShape, Func<Layer[]> Layers) Get(string name) => All().Single(c => c.Name == name);
}
