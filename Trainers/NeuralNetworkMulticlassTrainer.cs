using MLExt.Neural;
using Microsoft.ML;
using Microsoft.ML.Runtime;

namespace MLExt.Trainers;

/// <summary>
/// Trains a neural network for k-class classification on a key-typed label. The model outputs
/// <c>Score</c> (softmax probabilities, one slot per class) and <c>PredictedLabel</c> (the label's key type).
/// </summary>
public sealed class NeuralNetworkMulticlassTrainer : NeuralNetworkTrainerBase<NeuralNetworkMulticlassTrainer.Options>
{
    /// <summary>Options of <see cref="NeuralNetworkMulticlassTrainer"/>.</summary>
    public sealed class Options : NeuralNetworkOptions
    {
        /// <summary>Knowledge distillation from a teacher model, or null (the default) to train on the labels alone.</summary>
        public DistillationOptions? Distillation { get; set; }

        /// <inheritdoc/>
        public override void Validate(Func<string, string?>? userName = null)
        {
            base.Validate(userName);
            Distillation?.Validate(userName);
        }
    }

    // The distillation target column of the student's graph: [label | teacher logits].
    private const string DistillationTarget = "target";

    /// <summary>Creates the trainer; it logs to <paramref name="mlContext"/>'s log and takes its seed from it unless <see cref="NeuralNetworkOptions.Seed"/> is set.</summary>
    public NeuralNetworkMulticlassTrainer(MLContext mlContext, Options options) : base(mlContext, options) { }

    internal NeuralNetworkMulticlassTrainer(IHostEnvironment? environment, Options options) : base(environment, options) { }

    private protected override PredictionHead CreateHead(DataViewSchema.Column label) => new MulticlassHead(label);

    private protected override void CheckBeforeReading(IDataView input, DataViewSchema.Column label, PredictionHead head)
    {
        if (TrainerOptions.Distillation is not { } distillation) return;
        TeacherScores.Check(distillation, input.Schema, label, head.Units);
        if (TrainerOptions.ValidationData is { } validation) TeacherScores.Check(distillation, validation.Schema, label, head.Units);
    }

    // Each row's target becomes [one-hot label | teacher logits], the teacher scored once per data view.
    private protected override TrainingSet AddTargets(IDataView data, TrainingSet rows, PredictionHead head)
    {
        if (TrainerOptions.Distillation is not { } distillation) return rows;
        int k = head.Units;
        var logits = TeacherScores.Logits(distillation, data, TrainerOptions.CancellationToken);
        if (logits.Length != rows.Count * k)
            throw new InvalidOperationException($"The teacher scored {logits.Length / k} rows but the trainer read {rows.Count}: " +
                $"the teacher must keep every row of the data (no filtering).");
        var targets = new float[rows.Count * 2 * k];
        for (int i = 0; i < rows.Count; i++)
        {
            rows.Targets.AsSpan(i * k, k).CopyTo(targets.AsSpan(i * 2 * k));
            logits.AsSpan(i * k, k).CopyTo(targets.AsSpan(i * 2 * k + k));
        }
        return new TrainingSet(rows.Features, rows.FeatureShape, targets, 2 * k);
    }

    private protected override TrainingHistory Train(Network network, TrainingSet training, TrainingSet? validation,
        TrainingOptions options, RandomSource random)
    {
        if (TrainerOptions.Distillation is not { } distillation) return base.Train(network, training, validation, options, random);
        var loss = new DistillationLoss(distillation.Temperature, distillation.Alpha);
        var objective = new GraphObjective(network.Graph, new OutputLoss(Network.OutputName, loss, target: DistillationTarget));
        if (options.Metric is { } metric) options.Metric = new LabelPartMetric(metric);
        return TrainingLoop.Fit(network.Graph, GraphData.From(training, Network.InputName, DistillationTarget),
            validation is null ? null : GraphData.From(validation, Network.InputName, DistillationTarget), objective, options, random);
    }

    private protected override SchemaShape AddOutputColumns(SchemaShape input, SchemaShape.Column label)
    {
        if (!label.IsKey)
            throw new ArgumentException($"Label column '{label.Name}' must be a key type for multiclass classification: map it with mlContext.Transforms.Conversion.MapValueToKey.", "labelColumnName");
        var shape = SchemaShapes.AddCopy(input, ColumnNames.Score, VectorColumnName);
        return SchemaShapes.AddCopy(shape, ColumnNames.PredictedLabel, label.Name);
    }
}
