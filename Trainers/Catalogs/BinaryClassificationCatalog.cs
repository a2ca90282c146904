using MLExt.Neural;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExt.Trainers;

/// <summary>MLExt's neural-network trainer in ML.NET's BinaryClassification catalog.</summary>
public static class BinaryClassificationCatalogExtensions
{
    /// <summary>
    /// A binary classification network trainer with ReLU hidden layers of the given widths (default one layer of
    /// <see cref="TrainingDefaults.HiddenLayerWidth"/> units), Adam at <paramref name="learningRate"/>, and otherwise default options.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A hidden width is not positive.</exception>
    public static NeuralNetworkBinaryTrainer NeuralNetwork(this BinaryClassificationCatalog.BinaryClassificationTrainers catalog,
        string labelColumnName = ColumnNames.Label, string featureColumnName = ColumnNames.Features,
        int[]? hiddenLayers = null, int numberOfEpochs = TrainingDefaults.NumberOfEpochs,
        float learningRate = TrainingDefaults.LearningRate, int batchSize = TrainingDefaults.BatchSize)
    {
        var options = new NeuralNetworkBinaryTrainer.Options
        {
            LabelColumnName = labelColumnName,
            FeatureColumnName = featureColumnName,
            Layers = HiddenLayers.Relu(hiddenLayers),
            NumberOfEpochs = numberOfEpochs,
            BatchSize = batchSize,
            Optimizer = new AdamOptimizer { LearningRate = learningRate },
        };
        return NeuralNetwork(catalog, options);
    }

    /// <summary>A binary classification network trainer with full options.</summary>
    public static NeuralNetworkBinaryTrainer NeuralNetwork(this BinaryClassificationCatalog.BinaryClassificationTrainers catalog, NeuralNetworkBinaryTrainer.Options options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(options);
        return new NeuralNetworkBinaryTrainer(EnvironmentAccess.FromCatalog(catalog), options);
    }
}
