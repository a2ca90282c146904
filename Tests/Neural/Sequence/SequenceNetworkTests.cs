using MLExt.Neural;

namespace MLExt.Tests.Neural.Sequence;

/// <summary>Through a whole network, the embedding's padding mask reaches every sequence layer (Network.Forward passes it on).</summary>
public sealed class SequenceNetworkTests
{
    public static TheoryData<string> Stacks() => ["Lstm", "Bidirectional Gru", "SimpleRnn sequences then max", "Lstm sequences then mean", "Stacked"];

    private static Layer[] Make(string stack) => stack switch
    {
        "Lstm" => [Layer.Embedding(9, 4, paddingIndex: 0), Layer.Lstm(5), Layer.Dense(2)],
        "Bidirectional Gru" => [Layer.Embedding(9, 4, paddingIndex: 0), Layer.Bidirectional(Layer.Gru(3)), Layer.Dense(2)],
        "SimpleRnn sequences then max" => [Layer.Embedding(9, 4, paddingIndex: 0), Layer.SimpleRnn(4, returnSequences: true), Layer.TemporalMaxPooling()],
        "Lstm sequences then mean" => [Layer.Embedding(9, 4, paddingIndex: 0), Layer.Lstm(4, returnSequences: true), Layer.TemporalMeanPooling()],
        "Stacked" => [Layer.Embedding(9, 4, paddingIndex: 0), Layer.Bidirectional(Layer.Lstm(3, true), BidirectionalMerge.Sum), Layer.Gru(3), Layer.Dense(2)],
        _ => throw new ArgumentOutOfRangeException(nameof(stack)),
    };

    [Theory]
    [MemberData(nameof(Stacks))]
    public void MorePaddingChangesNothing(string stack)
    {
        // The weights' shapes do not depend on the sequence length, so the same seed gives the same weights.
        var shortNetwork = new Network(Make(stack));
        shortNetwork.Build([3], new RandomSource(7));
        var longNetwork = new Network(Make(stack));
        longNetwork.Build([8], new RandomSource(7));
        var tokens = new Tensor([3, 5, 8, 2, 0, 0], 2, 3);
        var padded = new Tensor(2, 8);
        for (int b = 0; b < 2; b++) tokens.Row(b).CopyTo(padded.Row(b));
        var expected = shortNetwork.Forward(tokens, false);
        TestTensors.AssertClose(expected.Span, longNetwork.Forward(padded, false).Span, 1e-6, stack);
    }
}
