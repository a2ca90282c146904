using MLExt.Neural;

namespace MLExt.Tests.Neural.Interpretability;

/// <summary>Attention maps of a two-block Transformer: every block's heads, and a rollout whose rows are
/// distributions.</summary>
public sealed class AttentionMapsTests
{
    [Fact]
    public void EveryBlockGivesAllHeadsAndTheRolloutRowsSumToOne()
    {
        var network = new Network([Layer.Embedding(10, 8, paddingIndex: 0), new TransformerEncoderBlock(8, 2, 16),
            new TransformerEncoderBlock(8, 2, 16), Layer.TemporalMeanPooling(), Layer.Dense(2)]);
        network.Build([5], new RandomSource(1));
        var x = new Tensor(new float[] { 3, 1, 4, 1, 5, 9, 2, 6, 0, 0 }, 2, 5);
        var maps = AttentionMaps.Collect(network.Graph, [x]);

        Assert.Equal(2, maps.Layers.Count);
        Assert.All(maps.Layers, m => Assert.Equal([2, 2, 5, 5], m.Shape));
        for (int sample = 0; sample < 2; sample++)
        {
            var rollout = maps.Rollout(sample);
            for (int i = 0; i < 5; i++)
                Assert.Equal(1.0, Enumerable.Range(0, 5).Sum(j => (double)rollout[i, j]), 1e-5);
        }
        // The second sample's padded keys (positions 3 and 4) get no attention from its real queries.
        var rolled = maps.Rollout(1);
        for (int i = 0; i < 3; i++) Assert.Equal(0f, rolled[i, 3] + rolled[i, 4], 1e-6f);
    }

    [Fact]
    public void ANetworkWithoutAttentionIsRefused()
    {
        var network = new Network([Layer.Dense(2)]);
        network.Build([3], new RandomSource(1));
        var error = Assert.Throws<ArgumentException>(() => AttentionMaps.Collect(network.Graph, [new Tensor(1, 3)]));
        Assert.Contains("self-attention", error.Message);
    }
}
