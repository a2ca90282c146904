using MLExt.Neural;

namespace MLExt.Tests.Neural.Sequence;

/// <summary>Padding masks and conformance pins for the sequence layer tests.</summary>
internal static class SequenceTestKit
{
    /// <summary>A padding mask [batch, time] with the given number of real steps per sequence (real steps first).</summary>
    public static Tensor Mask(int time, params int[] lengths)
    {
        var mask = new Tensor(lengths.Length, time);
        for (int b = 0; b < lengths.Length; b++)
            for (int t = 0; t < lengths[b]; t++) mask[b * time + t] = 1f;
        return mask;
    }

    /// <summary>A conformance pin: restores the layer's generators (dropout) before every forward pass.</summary>
    public static Action Pin(Layer layer) => Pin(layer.RandomSources);

    /// <summary>A conformance pin for a model graph: restores every layer application's generators.</summary>
    public static Action Pin(ModelGraph graph) => Pin(graph.RandomSources);

    private static Action Pin(IReadOnlyList<RandomSource> sources)
    {
        var states = sources.Select(r => r.GetState()).ToArray();
        return () =>
        {
            for (int i = 0; i < sources.Count; i++) sources[i].SetState(states[i]);
        };
    }

    /// <summary>
    /// Gaussian conformance inputs with a padding mask: row b of any batch has <paramref name="lengths"/>[b mod count]
    /// real steps (0: a sequence of padding only).
    /// </summary>
    public static ConformanceInput Masked(int time, params int[] lengths) => new()
    {
        Mask = batch => Mask(time, Enumerable.Range(0, batch).Select(b => lengths[b % lengths.Length]).ToArray()),
    };
}
