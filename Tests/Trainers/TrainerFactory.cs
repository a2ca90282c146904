using MLExt.Neural;
using MLExt.Trainers;
using Microsoft.ML;

namespace MLExt.Tests.Trainers;

/// <summary>Small, fast trainer configurations for the three tasks.</summary>
public static class TrainerFactory
{
    public static T Configure<T>(T options, int epochs = 15) where T : NeuralNetworkOptions
    {
        options.Layers = [Layer.Dense(16, Activation.Relu)];
        options.NumberOfEpochs = epochs;
        options.BatchSize = 16;
        options.Optimizer = new AdamOptimizer { LearningRate = 0.01f };
        options.Seed = 7;
        return options;
    }

    public static NeuralNetworkMulticlassTrainer Multiclass(MLContext ml, Action<NeuralNetworkMulticlassTrainer.Options>? change = null)
    {
        var options = Configure(new NeuralNetworkMulticlassTrainer.Options());
        change?.Invoke(options);
        return ml.MulticlassClassification.Trainers.NeuralNetwork(options);
    }

    public static NeuralNetworkBinaryTrainer Binary(MLContext ml, Action<NeuralNetworkBinaryTrainer.Options>? change = null)
    {
        var options = Configure(new NeuralNetworkBinaryTrainer.Options());
        change?.Invoke(options);
        return ml.BinaryClassification.Trainers.NeuralNetwork(options);
    }

    public static NeuralNetworkRegressionTrainer Regression(MLContext ml, Action<NeuralNetworkRegressionTrainer.Options>? change = null)
    {
        var options = Configure(new NeuralNetworkRegressionTrainer.Options(), epochs: 40);
        change?.Invoke(options);
        return ml.Regression.Trainers.NeuralNetwork(options);
    }
}
