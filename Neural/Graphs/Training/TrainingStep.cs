namespace MLExt.Neural;

/// <summary>
/// What <see cref="TrainingLoop"/> does with each batch. The built-in step computes the gradients of the
/// <see cref="GraphObjective"/> and updates every parameter with the options' optimiser; a subclass can do anything
/// else — several optimisers, alternating updates (a GAN), extra inputs such as a teacher's outputs (distillation),
/// frozen parts — and keeps everything the loop gives: progress, cancellation, validation, history, early stopping,
/// checkpoints with a bit-exact resume, divergence errors. <see cref="TrainingBatch"/> offers the pieces
/// (<see cref="TrainingBatch.ComputeGradients"/>, <see cref="TrainingBatch.Update"/>) and the low-level path
/// (<see cref="ModelGraph.Forward(IReadOnlyList{Tensor}, bool)"/>, <see cref="GraphObjective"/>,
/// <see cref="ModelGraph.BackwardParametersOnly"/>, <see cref="Optimizer.Step(IReadOnlyList{Parameter}, float)"/>).
/// A step that draws random numbers should draw them from a layer's generator or from state it restores itself:
/// checkpoints save the graph's generators and the optimisers listed in <see cref="Optimizers"/>.
/// </summary>
public abstract class TrainingStep
{
    /// <summary>
    /// The optimisers the step advances, in a fixed order: checkpoints save and restore their state in this order,
    /// and the history reports the learning rate the step sets in <see cref="TrainingBatch.LearningRate"/>.
    /// </summary>
    public abstract IReadOnlyList<Optimizer> Optimizers { get; }

    /// <summary>Trains on one batch; returns the loss to report for it (averaged over the epoch's batches).</summary>
    /// <exception cref="TrainingDivergedException">The step's loss or weights became NaN or infinite.</exception>
    public abstract float Run(TrainingBatch batch);
}
