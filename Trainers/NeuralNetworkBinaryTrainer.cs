using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;

namespace MLExt.Trainers;

/// <summary>
/// Trains a neural network for binary classification on a Boolean label. The model outputs
/// <c>Score</c> (the logit, thresholded at 0), <c>Probability</c> (its sigmoid) and <c>PredictedLabel</c>.
/// </summary>
public sealed class NeuralNetworkBinaryTrainer : NeuralNetworkTrainerBase<NeuralNetworkBinaryTrainer.Options>
{
    /// <summary>Options of <see cref="NeuralNetworkBinaryTrainer"/>.</summary>
    public sealed class Options : NeuralNetworkOptions;

    /// <summary>Creates the trainer; it logs to <paramref name="mlContext"/>'s log and takes its seed from it unless <see cref="NeuralNetworkOptions.Seed"/> is set.</summary>
    public NeuralNetworkBinaryTrainer(MLContext mlContext, Options options) : base(mlContext, options) { }

    internal NeuralNetworkBinaryTrainer(IHostEnvironment? environment, Options options) : base(environment, options) { }

    private protected override PredictionHead CreateHead(DataViewSchema.Column label) => new BinaryHead(label);

    private protected override SchemaShape AddOutputColumns(SchemaShape input, SchemaShape.Column label)
    {
        if (label.ItemType != BooleanDataViewType.Instance || label.Kind != SchemaShape.Column.VectorKind.Scalar)
            throw new ArgumentException($"Label column '{label.Name}' must be a Boolean for binary classification.", "labelColumnName");
        var shape = SchemaShapes.AddSingle(input, ColumnNames.Score, label.Name);
        shape = SchemaShapes.AddSingle(shape, ColumnNames.Probability, label.Name);
        return SchemaShapes.AddCopy(shape, ColumnNames.PredictedLabel, label.Name);
    }
}
