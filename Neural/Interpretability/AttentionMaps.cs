namespace MLExt.Neural;

/// <summary>
/// The attention of a Transformer for one batch: every self-attention layer's weights, all heads
/// (<see cref="MultiHeadSelfAttention.LastAttentionWeights"/>), and attention rollout (Abnar and Zuidema 2020): per
/// layer the heads' mean plus the identity for the residual path, rows renormalised, multiplied from the first layer to
/// the last, so that entry [i, j] says how much output position i draws on input position j.
/// </summary>
public sealed class AttentionMaps
{
    private AttentionMaps(IReadOnlyList<Tensor> layers) => Layers = layers;

    /// <summary>Per self-attention layer in forward order, a copy of its weights <c>[batch, heads, time, time]</c>.</summary>
    public IReadOnlyList<Tensor> Layers { get; }

    /// <summary>Runs <paramref name="graph"/> forward in inference mode on <paramref name="inputs"/> and collects the
    /// attention of every <see cref="MultiHeadSelfAttention"/>, also inside <see cref="TransformerEncoderBlock"/>s.</summary>
    /// <exception cref="ArgumentException">The graph has no self-attention layer.</exception>
    public static AttentionMaps Collect(ModelGraph graph, IReadOnlyList<Tensor> inputs)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var attention = graph.Layers.SelectMany(Attention).ToArray();
        if (attention.Length == 0)
            throw new ArgumentException("The graph has no self-attention layer (MultiHeadSelfAttention or " +
                "TransformerEncoderBlock), so it has no attention maps.", nameof(graph));
        graph.Forward(inputs, training: false);
        return new AttentionMaps(attention.Select(a => a.LastAttentionWeights.Clone()).ToArray());
    }

    /// <summary>The rollout of sample <paramref name="sample"/>, <c>[time, time]</c>, each row summing to 1 (a padded
    /// query, which attends to nothing, keeps only itself).</summary>
    public float[,] Rollout(int sample)
    {
        float[,]? result = null;
        foreach (var weights in Layers)
        {
            int heads = weights.Shape[1], time = weights.Shape[2];
            var step = new float[time, time];
            var span = weights.Span.Slice(sample * heads * time * time, heads * time * time);
            for (int i = 0; i < time; i++)
            {
                float total = 0;
                for (int j = 0; j < time; j++)
                {
                    float mean = 0;
                    for (int h = 0; h < heads; h++) mean += span[(h * time + i) * time + j];
                    // The residual connection carries the position itself: A' = (mean over heads + I), rows normalised.
                    step[i, j] = mean / heads + (i == j ? 1 : 0);
                    total += step[i, j];
                }
                for (int j = 0; j < time; j++) step[i, j] /= total;
            }
            result = result is null ? step : Multiply(step, result);
        }
        return result!;
    }

    // Rollout(l) = A'_l · Rollout(l − 1).
    private static float[,] Multiply(float[,] a, float[,] b)
    {
        int n = a.GetLength(0);
        var c = new float[n, n];
        for (int i = 0; i < n; i++)
            for (int k = 0; k < n; k++)
                for (int j = 0; j < n; j++) c[i, j] += a[i, k] * b[k, j];
        return c;
    }

    private static IEnumerable<MultiHeadSelfAttention> Attention(Layer layer) => layer switch
    {
        MultiHeadSelfAttention a => [a],
        TransformerEncoderBlock block => [block.Attention],
        _ => [],
    };
}
