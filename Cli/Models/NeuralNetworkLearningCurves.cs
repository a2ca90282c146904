using Microsoft.ML;
using MLExt.Evaluation.CrossValidation;
using MLExt.Trainers;

namespace MLExt.Cli.Models;

/// <summary>
/// Reads an MLExt network's per-epoch history as a learning curve for cross-validation reports. It lives here, in a
/// project that references both MLExt.Trainers and MLExt.Evaluation, so that neither of those references the other.
/// </summary>
internal static class NeuralNetworkLearningCurves
{
    /// <summary>The learning curve of a <see cref="NeuralNetworkTransformer"/>, or null for any other transformer.</summary>
    public static LearningCurve? Extract(ITransformer transformer) => transformer is NeuralNetworkTransformer network
        ? new LearningCurve(
            network.History.Epochs.Select(e => new LearningCurvePoint(e.Epoch, e.TrainingLoss, e.ValidationLoss, e.ValidationMetric)).ToArray(),
            network.History.MetricName)
        : null;
}
