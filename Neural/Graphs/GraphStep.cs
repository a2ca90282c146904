namespace MLExt.Neural;

/// <summary>
/// One node of a built graph as the executor runs it: its layer application or merge, the steps it reads, and
/// the per-batch values (output, padding mask, accumulated gradient) it keeps between forward and backward.
/// </summary>
internal sealed class GraphStep
{
    public required string Name { get; init; }
    public required GraphNodeKind Kind { get; init; }
    public required int[] Inputs { get; init; }
    public required int[] Shape { get; init; }

    /// <summary>The layer instance of this application: the shared layer itself at its first node, a twin sharing its
    /// storage after.</summary>
    public Layer? Layer { get; init; }

    /// <summary>The layer as the user applied it (the owner of the weights).</summary>
    public Layer? SharedLayer { get; init; }

    public Merge? Merge { get; init; }

    /// <summary>The position in <see cref="ModelGraph.Inputs"/> of an input step.</summary>
    public int InputIndex { get; init; } = -1;

    public ISequenceMaskConsumer? MaskConsumer { get; init; }

    /// <summary>The layer application as a reader of the graph's adjacency, or null.</summary>
    public IAdjacencyConsumer? AdjacencyConsumer { get; init; }
    public ISequenceMaskSource? MaskSource { get; init; }
    public ILossTermSource? LossSource { get; init; }

    /// <summary>Whether the application has trainable parameters.</summary>
    public bool HasParameters { get; init; }

    /// <summary>Whether the application's layer has parameters and trains (<see cref="Layer.Trainable"/>).</summary>
    public bool HasTrainableParameters { get; set; }

    /// <summary>Whether some step upstream has trainable parameters, so that training needs this step's dL/dinput.</summary>
    public bool NeedsInputGradient { get; set; }

    /// <summary>Reused input list of a merge.</summary>
    public Tensor[] MergeInputs { get; init; } = [];

    /// <summary>Reused list of a merge's input masks.</summary>
    public Tensor?[] MergeMasks { get; init; } = [];

    public Tensor? Output;
    public Tensor? Mask;

    /// <summary>dL/d(output) so far this backward pass: a consumer's tensor while there is one contribution, then
    /// <see cref="Accumulator"/>.</summary>
    public Tensor? Gradient;

    public Tensor? Accumulator;
    public bool Accumulating;
}
