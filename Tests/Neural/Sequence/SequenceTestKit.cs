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

    /// <summary>
    /// A conformance pin: restores the layer's generators (dropout) and, for a mask consumer, sets <paramref name="mask"/>
    /// before every forward pass of the checks that use a batch of three.
    /// </summary>
    public static Func<Layer, Action> Pin(Tensor? mask) => layer =>
    {
        var sources = layer.RandomSources;
        var states = sources.Select(r => r.GetState()).ToArray();
        return () =>
        {
            for (int i = 0; i < sources.Count; i++) sources[i].SetState(states[i]);
            if (layer is ISequenceMaskConsumer consumer) consumer.SetInputMask(mask);
        };
    };
}
