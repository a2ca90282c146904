using MLExt.Neural;

namespace MLExt.Tests.Neural.Sequence;

/// <summary>Inputs for the sequence layer tests: token ids and masked feature sequences, right-padded.</summary>
internal static class SequenceInputs
{
    /// <summary>Token ids [batch, time] in [0, vocabulary), right-padded with <paramref name="padding"/> as <see cref="ConformanceInput.RightPadded"/> masks them.</summary>
    public static ConformanceInput Tokens(int vocabulary, int? padding) => new()
    {
        Create = (random, shape) => TokenIds(random, shape[0], shape[1], vocabulary, padding),
        Differentiable = false,
    };

    public static Tensor TokenIds(RandomSource random, int batch, int steps, int vocabulary, int? padding)
    {
        var ids = new Tensor(batch, steps);
        var mask = ConformanceInput.RightPadded(batch, steps);
        for (int i = 0; i < ids.Length; i++)
        {
            if (padding is int p && mask[i] == 0f) { ids[i] = p; continue; }
            int id;
            do id = random.NextInt(vocabulary); while (id == padding);
            ids[i] = id;
        }
        return ids;
    }

    /// <summary>Gaussian [batch, time, features] with right-padded masks (or none).</summary>
    public static ConformanceInput Features(bool masked) => new()
    {
        Mask = batch => masked ? ConformanceInput.RightPadded(batch, Steps) : null,
    };

    /// <summary>Steps per sequence in these tests.</summary>
    public const int Steps = 5;
}
