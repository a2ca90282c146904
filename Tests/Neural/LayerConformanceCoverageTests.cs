using MLExt.Neural;
using MLExt.Tests.Neural.Sequence;

namespace MLExt.Tests.Neural;

/// <summary>
/// One small conformance case (<see cref="LayerConformance.CheckAll"/>) per built-in layer type, so that a new layer
/// type cannot ship without one: <see cref="EveryBuiltInLayerTypeHasAConformanceCase"/> fails until it is added here.
/// The per-layer test classes check more configurations; these cases are the floor.
/// </summary>
public sealed class LayerConformanceCoverageTests
{
    private static readonly int[] Image = [2, 4, 4], Sequence = [SequenceInputs.Steps, 3];

    private static IEnumerable<(Type Type, Func<Layer> Create, int[] Shape, int Parameters, ConformanceInput? Input)> Cases()
    {
        yield return (typeof(Dense), () => new Dense(3, Activation.Tanh), [4], 15, null);
        yield return (typeof(Dropout), () => new Dropout(0.3f), [6], 0, null);
        yield return (typeof(ActivationLayer), () => new ActivationLayer(Activation.Gelu), [2, 3], 0, null);
        yield return (typeof(Flatten), () => new Flatten(), [2, 3, 2], 0, null);
        yield return (typeof(Reshape), () => new Reshape(3, -1), [2, 3, 2], 0, null);
        yield return (typeof(ConstantOperation), () => new ConstantOperation(ConstantOperator.Divide, [3, 1], [2f, -0.5f, 1.5f]), [2, 3, 2], 0, null);
        yield return (typeof(Slice), () => new Slice(0, 1, 3), Sequence, 0, null);
        yield return (typeof(ActivityRegularization), () => new ActivityRegularization(0.01f, 0.02f), [6], 0, null);
        yield return (typeof(GaussianSampling), () => new GaussianSampling(0.05f), [6], 0, null);
        yield return (typeof(Conv2D), () => new Conv2D(2, 2, activation: Activation.Tanh), [1, 4, 4], 10, null);
        yield return (typeof(Conv2DTranspose), () => new Conv2DTranspose(2, 3, stride: 2, padding: Padding.Same, outputPadding: 1,
            activation: Activation.Tanh), Image, 38, null);
        yield return (typeof(Upsampling2D), () => new Upsampling2D(new Size2D(2, 3), UpsamplingInterpolation.Bilinear), Image, 0, null);
        yield return (typeof(DepthwiseConv2D), () => new DepthwiseConv2D(2), Image, 10, null);
        yield return (typeof(SeparableConv2D), () => new SeparableConv2D(3, 2), Image, 17, null);
        yield return (typeof(MaxPool2D), () => new MaxPool2D(2), Image, 0, null);
        yield return (typeof(AvgPool2D), () => new AvgPool2D(2), Image, 0, null);
        yield return (typeof(GlobalAveragePool2D), () => new GlobalAveragePool2D(), Image, 0, null);
        yield return (typeof(BatchNormalization), () => new BatchNormalization(), [3], 6, null);
        yield return (typeof(LayerNormalization), () => new LayerNormalization(), [2, 3], 6, null);
        yield return (typeof(ResidualBlock), () => new ResidualBlock(2), Image, 80, null);
        yield return (typeof(RandomFlip), () => Layer.RandomFlip(), Image, 0, null);
        yield return (typeof(RandomTranslation), () => Layer.RandomTranslation(new Size2D(1, 2)), Image, 0, null);
        yield return (typeof(RandomRotation), () => Layer.RandomRotation(30f), Image, 0, null);
        yield return (typeof(RandomZoom), () => Layer.RandomZoom(0.8f, 1.3f), Image, 0, null);
        yield return (typeof(GaussianNoise), () => Layer.GaussianNoise(0.3f), Image, 0, null);
        yield return (typeof(RandomBrightness), () => Layer.RandomBrightness(0.2f), Image, 0, null);
        yield return (typeof(RandomContrast), () => Layer.RandomContrast(0.5f, 1.5f), Image, 0, null);
        yield return (typeof(Embedding), () => new Embedding(6, 3, paddingIndex: 0), [SequenceInputs.Steps], 18, SequenceInputs.Tokens(6, 0));
        yield return (typeof(SimpleRnn), () => new SimpleRnn(2), Sequence, 12, SequenceInputs.Features(masked: true));
        yield return (typeof(Lstm), () => new Lstm(2), Sequence, 48, SequenceInputs.Features(masked: true));
        yield return (typeof(Gru), () => new Gru(2), Sequence, 42, SequenceInputs.Features(masked: true));
        yield return (typeof(Bidirectional), () => new Bidirectional(new Lstm(2)), Sequence, 96, SequenceInputs.Features(masked: true));
        yield return (typeof(TemporalMeanPooling), () => new TemporalMeanPooling(), Sequence, 0, SequenceInputs.Features(masked: true));
        yield return (typeof(TemporalMaxPooling), () => new TemporalMaxPooling(), Sequence, 0, SequenceInputs.Features(masked: true));
        yield return (typeof(SinusoidalPositionalEncoding), () => new SinusoidalPositionalEncoding(8), [5, 4], 0, null);
        yield return (typeof(LearnedPositionalEncoding), () => new LearnedPositionalEncoding(7), [5, 4], 28, null);
        yield return (typeof(MultiHeadSelfAttention), () => new MultiHeadSelfAttention(2, 2), [4, 4], 76, SequenceTestKit.Masked(4, 4, 2));
        yield return (typeof(GraphConvolution), () => new GraphConvolution(3), [4], 15, GraphNeural.TestGraphs.Features);
        yield return (typeof(GraphSage), () => new GraphSage(3, GraphSageAggregator.Max), [4], 27, GraphNeural.TestGraphs.Features);
        yield return (typeof(GraphAttention), () => new GraphAttention(2, heads: 2), [4], 28, GraphNeural.TestGraphs.Features);
        yield return (typeof(TransformerEncoderBlock), () => new TransformerEncoderBlock(4, 2, 6, dropout: 0f), [4, 4], 150, SequenceTestKit.Masked(4, 3, 4));
    }

    public static TheoryData<string> Types() => [.. Cases().Select(c => c.Type.Name)];

    [Theory]
    [MemberData(nameof(Types))]
    public void Conforms(string type)
    {
        var c = Cases().Single(c => c.Type.Name == type);
        LayerConformance.CheckAll(c.Create, c.Shape, c.Parameters, SequenceTestKit.Pin, c.Input);
    }

    [Fact]
    public void EveryBuiltInLayerTypeHasAConformanceCase()
    {
        var layerTypes = typeof(Layer).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(Layer)) && !t.IsAbstract && t.IsPublic).ToArray();
        var covered = Cases().Select(c => c.Type).ToHashSet();
        var missing = layerTypes.Where(t => !covered.Contains(t)).Select(t => t.Name).Order().ToArray();
        Assert.True(missing.Length == 0, $"Layer types without a conformance case: {string.Join(", ", missing)}.");
        Assert.All(Cases(), c => Assert.IsType(c.Type, c.Create()));
    }
}
