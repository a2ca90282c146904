using MLExt.Neural;

namespace MLExt.Tests.Neural.Sequence;

public sealed class BidirectionalTests
{
    private const int Features = 3, Units = 4;
    private static readonly int[] Input = [SequenceInputs.Steps, Features];

    public static TheoryData<string, bool, BidirectionalMerge, bool> Cases()
    {
        var data = new TheoryData<string, bool, BidirectionalMerge, bool>();
        foreach (var kind in new[] { "SimpleRnn", "Lstm", "Gru" })
            foreach (bool sequences in new[] { false, true })
                foreach (var merge in new[] { BidirectionalMerge.Concat, BidirectionalMerge.Sum })
                    data.Add(kind, sequences, merge, true);
        data.Add("Lstm", true, BidirectionalMerge.Concat, false);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Conforms(string kind, bool returnSequences, BidirectionalMerge merge, bool masked) =>
        LayerConformance.CheckAll(() => new Bidirectional(RecurrentLayerTests.Make(kind, returnSequences), merge), Input,
            2 * RecurrentLayerTests.ParameterCount(kind), input: SequenceInputs.Features(masked));

    [Fact]
    public void PaddingHasNoEffectAndGetsNoGradient()
    {
        foreach (bool sequences in new[] { false, true })
            PaddingChecks.AssertInert(() => Layer.Bidirectional(Layer.Gru(Units, sequences)), Input, zeroOutputAtPadding: sequences);
    }

    [Fact]
    public void TheBackwardDirectionReadsOnlyTheRealStepsReversed()
    {
        // Row 0: 3 real steps of 5. Its backward half must be the backward layer run on x[2], x[1], x[0] alone.
        var layer = new Bidirectional(new Lstm(Units, returnSequences: true));
        layer.Build(Input, new RandomSource(4));
        var x = TestTensors.Gaussian(new RandomSource(5), [1, SequenceInputs.Steps, Features]);
        layer.SetInputMask(new Tensor([1f, 1f, 1f, 0f, 0f], 1, SequenceInputs.Steps));
        var y = layer.Forward(x, false).Clone();

        var reference = new Lstm(Units, returnSequences: true);
        reference.Build([3, Features], new RandomSource(1));
        for (int i = 0; i < reference.Parameters.Count; i++) layer.BackwardLayer.Parameters[i].Value.CopyTo(reference.Parameters[i].Value);
        var reversed = new Tensor(1, 3, Features);
        for (int t = 0; t < 3; t++) x.Span.Slice((2 - t) * Features, Features).CopyTo(reversed.Span.Slice(t * Features, Features));
        var expected = reference.Forward(reversed, false);
        for (int t = 0; t < 3; t++)
            TestTensors.AssertClose(expected.Span.Slice((2 - t) * Units, Units), y.Span.Slice((t * 2 + 1) * Units, Units), 1e-6, $"backward output at step {t}");
        Assert.False(y.Span[(3 * 2 * Units)..].ContainsAnyExcept(0f));
    }

    [Fact]
    public void ItWrapsOnlyUnbuiltLayersAndRoundTripsItsConfig()
    {
        var built = new Gru(2);
        built.Build(Input, new RandomSource(1));
        Assert.Throws<ArgumentException>(() => new Bidirectional(built));
        var layer = new Bidirectional(new SimpleRnn(3, Activation.Relu, true), BidirectionalMerge.Sum);
        var copy = Assert.IsType<Bidirectional>(Layer.FromConfig(layer.GetConfig()));
        Assert.Equal(BidirectionalMerge.Sum, copy.Merge);
        Assert.Equal(Activation.Relu, Assert.IsType<SimpleRnn>(copy.ForwardLayer).Activation);
        copy.Build(Input, new RandomSource(2));
        Assert.Equal([SequenceInputs.Steps, 3], copy.OutputShape);
        Assert.Contains(copy.Parameters, p => p.Name == "backward.recurrentKernel");
    }
}
