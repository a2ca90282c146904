namespace MLExt.Neural;

/// <summary>
/// The second and later applications of a shared layer. A layer keeps per-call buffers (what Backward needs from
/// Forward), so each application is its own instance: a twin rebuilt from the layer's configuration whose
/// parameter and state tensors then use the shared layer's storage (<see cref="Tensor.ShareStorage"/>). Every
/// application thus reads the same weights and adds (+=) into the same gradient arrays, so the gradient of a
/// shared weight is the sum over its uses; optimisers, checkpoints and penalties see the shared layer's
/// <see cref="Parameter"/> objects only.
/// </summary>
internal static class SharedApplication
{
    /// <exception cref="ArgumentException">The twin cannot be made or would need weights of other shapes.</exception>
    public static Layer Create(Layer shared, int[] inputShape, RandomSource random, string firstNode, string node)
    {
        Layer twin;
        try
        {
            twin = shared.CloneUnbuilt();
        }
        catch (FormatException e)
        {
            throw new ArgumentException(
                $"a layer applied at several nodes is copied from its configuration for each further node, and " +
                    $"{shared.TypeName} cannot be: {e.Message}", e);
        }
        twin.Build(inputShape, random);
        Share(shared.Parameters, twin.Parameters, shared, firstNode, inputShape);
        Share(shared.States, twin.States, shared, firstNode, inputShape);
        return twin;
    }

    private static void Share(IReadOnlyList<Parameter> owner, IReadOnlyList<Parameter> twin, Layer shared, string firstNode, int[] inputShape)
    {
        bool same = owner.Count == twin.Count;
        for (int i = 0; same && i < owner.Count; i++) same = Tensor.SameShape(owner[i].Value.Shape, twin[i].Value.Shape);
        if (!same)
            throw new ArgumentException(
                $"the shared {shared.TypeName} was first applied at '{firstNode}' to " +
                    $"{Tensor.FormatShape(shared.InputShape)} with weights " +
                $"{string.Join(" ", owner)}; input {Tensor.FormatShape(inputShape)} would need {string.Join(" ", twin)}.");
        for (int i = 0; i < owner.Count; i++)
        {
            twin[i].Value.ShareStorage(owner[i].Value);
            twin[i].Gradient.ShareStorage(owner[i].Gradient);
        }
    }
}
