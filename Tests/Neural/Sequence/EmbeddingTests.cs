using MLExt.Neural;

namespace MLExt.Tests.Neural.Sequence;

public sealed class EmbeddingTests
{
    private const int Vocabulary = 7, Dimension = 4;
    private static readonly int[] Input = [SequenceInputs.Steps];

    [Fact]
    public void ConformsWithoutPadding() =>
        LayerConformance.CheckAll(() => new Embedding(Vocabulary, Dimension), Input, Vocabulary * Dimension, input: SequenceInputs.Tokens(Vocabulary, null));

    [Fact]
    public void ConformsWithPadding() =>
        LayerConformance.CheckAll(() => Layer.Embedding(Vocabulary, Dimension, paddingIndex: 0), Input, Vocabulary * Dimension,
            input: SequenceInputs.Tokens(Vocabulary, 0));

    [Fact]
    public void FrozenTableIsAStateWithoutGradient()
    {
        LayerConformance.CheckAll(() => new Embedding(Vocabulary, Dimension, 2, freeze: true), Input, 0, input: SequenceInputs.Tokens(Vocabulary, 2));
        var layer = new Embedding(Vocabulary, Dimension, 2, freeze: true);
        layer.Build(Input, new RandomSource(1));
        Assert.Empty(layer.Parameters);
        Assert.Same(layer.Table, Assert.Single(layer.States));
        var before = layer.Table.Value.Clone();
        var y = layer.Forward(SequenceInputs.TokenIds(new RandomSource(2), 3, SequenceInputs.Steps, Vocabulary, 2), training: true);
        layer.Backward(TestTensors.Gaussian(new RandomSource(3), y.Shape));
        Assert.False(layer.Table.Gradient.Span.ContainsAnyExcept(0f));
        TestTensors.AssertIdentical(before, layer.Table.Value, "frozen table");
    }

    [Fact]
    public void LooksUpRowsZeroesPaddingAndMasksIt()
    {
        var layer = new Embedding(Vocabulary, Dimension, paddingIndex: 0);
        layer.Build([3], new RandomSource(1));
        Assert.False(layer.Table.Value.Row(0).ContainsAnyExcept(0f));
        var y = layer.Forward(new Tensor([3, 5, 0, 6, 0, 0], 2, 3), training: false);
        Assert.Equal([2, 3, Dimension], y.Shape);
        Assert.Equal(layer.Table.Value.Row(5).ToArray(), y.Span.Slice(Dimension, Dimension).ToArray());
        Assert.Equal(layer.Table.Value.Row(6).ToArray(), y.Span.Slice(3 * Dimension, Dimension).ToArray());
        Assert.False(y.Span.Slice(2 * Dimension, Dimension).ContainsAnyExcept(0f));
        Assert.Equal([1f, 1f, 0f, 1f, 0f, 0f], layer.OutputMask!.Span.ToArray());

        var dy = TestTensors.Gaussian(new RandomSource(4), y.Shape);
        layer.Backward(dy);
        Assert.False(layer.Table.Gradient.Row(0).ContainsAnyExcept(0f));
        Assert.Equal(dy.Span.Slice(0, Dimension).ToArray(), layer.Table.Gradient.Row(3).ToArray());
        Assert.Null(new Embedding(3, 2).OutputMask);
    }

    [Theory]
    [InlineData(2.5f, "2.5")]
    [InlineData(-1f, "-1")]
    [InlineData(7f, "7")]
    [InlineData(float.NaN, "NaN")]
    public void BadTokenIdsAreNamedWithTheirPosition(float bad, string shown)
    {
        var layer = new Embedding(Vocabulary, Dimension);
        layer.Build([3], new RandomSource(1));
        var ids = new Tensor([1, 2, 3, 4, 5, bad], 2, 3);
        var e = Assert.Throws<ArgumentException>(() => layer.Forward(ids, false));
        Assert.Contains($"token id {shown} at row 1, step 2", e.Message);
        Assert.Contains("[0, 7)", e.Message);
    }

    [Fact]
    public void BadSettingsAreRefused()
    {
        Assert.Equal("vocabularySize", Assert.Throws<ArgumentOutOfRangeException>(() => new Embedding(0, 3)).ParamName);
        Assert.Equal("dimension", Assert.Throws<ArgumentOutOfRangeException>(() => new Embedding(3, 0)).ParamName);
        Assert.Equal("paddingIndex", Assert.Throws<ArgumentOutOfRangeException>(() => new Embedding(3, 2, 3)).ParamName);
    }
}
