namespace MLExt.Neural;

/// <summary>The built-in step: gradients of the objective, then one update of every trainable parameter by the options'
/// optimiser.</summary>
internal sealed class StandardTrainingStep(Optimizer optimizer) : TrainingStep
{
    private readonly Optimizer[] _optimizers = [optimizer];

    public override IReadOnlyList<Optimizer> Optimizers => _optimizers;

    public override float Run(TrainingBatch batch)
    {
        float loss = batch.ComputeGradients();
        batch.Update(_optimizers[0], batch.Graph.TrainableParameters);
        return loss;
    }
}
