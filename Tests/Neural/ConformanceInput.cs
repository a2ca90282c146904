using MLExt.Neural;

namespace MLExt.Tests.Neural;

/// <summary>
/// What the conformance checks feed a layer: the input values (Gaussian by default, token ids for embeddings),
/// the padding mask set on <see cref="ISequenceMaskConsumer"/> layers before every forward pass, and whether
/// the input is differentiable (token ids are not: their gradient must be zero and is not finite-differenced).
/// </summary>
internal sealed class ConformanceInput
{
    /// <summary>N(0, 1) values, no mask.</summary>
    public static readonly ConformanceInput Gaussian = new();

    /// <summary>Makes an input of the given batch shape.</summary>
    public Func<RandomSource, int[], Tensor> Create { get; init; } = (random, shape) => TestTensors.Gaussian(random, shape);

    /// <summary>The padding mask <c>[batch, time]</c> for a batch size, or null for none.</summary>
    public Func<int, Tensor?> Mask { get; init; } = _ => null;

    /// <summary>The adjacency of a batch of nodes for graph layers (<see cref="IAdjacencyConsumer"/>), or null.</summary>
    public Func<int, SparseAdjacency?> Adjacency { get; init; } = _ => null;

    /// <summary>Whether dL/dx is checked by finite differences (false: it must be all zeros).</summary>
    public bool Differentiable { get; init; } = true;

    /// <summary>Sets the mask (or the adjacency) on <paramref name="layer"/> for a batch of <paramref name="batch"/> rows
    /// when it consumes one.</summary>
    public void Apply(Layer layer, int batch)
    {
        if (layer is ISequenceMaskConsumer consumer) consumer.SetInputMask(Mask(batch));
        if (layer is IAdjacencyConsumer graphLayer) graphLayer.SetAdjacency(Adjacency(batch));
    }

    /// <summary>Right-padded masks: row b has <c>steps − (b mod steps)</c> real steps, so every batch has full and padded rows.</summary>
    public static Tensor RightPadded(int batch, int steps)
    {
        var mask = new Tensor(batch, steps);
        for (int b = 0; b < batch; b++)
            for (int t = 0; t < steps - b % steps; t++) mask[b * steps + t] = 1f;
        return mask;
    }
}
