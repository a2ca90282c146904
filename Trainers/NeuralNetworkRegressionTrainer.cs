using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;

namespace MLExt.Trainers;

/// <summary>Trains a neural network for regression on a Single label. The model outputs <c>Score</c>.</summary>
public sealed class NeuralNetworkRegressionTrainer : NeuralNetworkTrainerBase<NeuralNetworkRegressionTrainer.Options>
{
    /// <summary>Options of <see cref="NeuralNetworkRegressionTrainer"/>.</summary>
    public sealed class Options : NeuralNetworkOptions
    {
        /// <summary>The loss minimised. Default mean squared error.</summary>
        public RegressionLoss Loss { get; set; } = RegressionLoss.MeanSquaredError;

        /// <summary>
        /// How the label is scaled for training (fitted on the training rows); the model undoes it, so <c>Score</c>,
        /// the reported losses and the validation metric are in the label's units. Default
        /// <see cref="RegressionLabelScaling.Standardize"/>.
        /// </summary>
        public RegressionLabelScaling LabelScaling { get; set; } = RegressionLabelScaling.Standardize;
    }

    /// <summary>Creates the trainer; it logs to <paramref name="mlContext"/>'s log and takes its seed from it unless <see cref="NeuralNetworkOptions.Seed"/> is set.</summary>
    public NeuralNetworkRegressionTrainer(MLContext mlContext, Options options) : base(mlContext, options) { }

    internal NeuralNetworkRegressionTrainer(IHostEnvironment? environment, Options options) : base(environment, options) { }

    private protected override PredictionHead CreateHead(DataViewSchema.Column label) => new RegressionHead(label, TrainerOptions.Loss, TrainerOptions.LabelScaling);

    private protected override SchemaShape AddOutputColumns(SchemaShape input, SchemaShape.Column label)
    {
        if (label.ItemType != NumberDataViewType.Single || label.Kind != SchemaShape.Column.VectorKind.Scalar)
            throw new ArgumentException($"Label column '{label.Name}' must be a Single (float) for regression.", "labelColumnName");
        return SchemaShapes.AddCopy(input, ColumnNames.Score, label.Name);
    }
}
