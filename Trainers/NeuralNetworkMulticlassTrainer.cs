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
    public sealed class Options : NeuralNetworkOptions;

    /// <summary>Creates the trainer; it logs to <paramref name="mlContext"/>'s log and takes its seed from it unless <see cref="NeuralNetworkOptions.Seed"/> is set.</summary>
    public NeuralNetworkMulticlassTrainer(MLContext mlContext, Options options) : base(mlContext, options) { }

    internal NeuralNetworkMulticlassTrainer(IHostEnvironment? environment, Options options) : base(environment, options) { }

    private protected override PredictionHead CreateHead(DataViewSchema.Column label) => new MulticlassHead(label);

    private protected override SchemaShape AddOutputColumns(SchemaShape input, SchemaShape.Column label)
    {
        if (!label.IsKey)
            throw new ArgumentException($"Label column '{label.Name}' must be a key type for multiclass classification: map it with mlContext.Transforms.Conversion.MapValueToKey.", "labelColumnName");
        var shape = SchemaShapes.AddCopy(input, ColumnNames.Score, VectorColumnName);
        return SchemaShapes.AddCopy(shape, ColumnNames.PredictedLabel, label.Name);
    }
}
