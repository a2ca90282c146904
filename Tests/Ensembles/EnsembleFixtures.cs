using MLExt.Tests.Trainers;
using MLExt.Trainers;
using Microsoft.ML;
using Microsoft.ML.Trainers.LightGbm;

namespace MLExt.Tests.Ensembles;

/// <summary>Deterministic members for ensemble tests: MLExt networks (seeded), L-BFGS and single-threaded LightGbm.</summary>
internal static class EnsembleFixtures
{
    public static IEstimator<ITransformer>[] BinaryMembers(MLContext ml) =>
    [
        TrainerFactory.Binary(ml, o => o.NumberOfEpochs = 4),
        ml.BinaryClassification.Trainers.LbfgsLogisticRegression(),
        ml.Transforms.NormalizeMinMax("Features").Append(ml.BinaryClassification.Trainers.LbfgsLogisticRegression(l2Regularization: 10f)),
    ];

    public static IEstimator<ITransformer>[] MulticlassMembers(MLContext ml) =>
    [
        TrainerFactory.Multiclass(ml, o => o.NumberOfEpochs = 4),
        ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(),
    ];

    public static IEstimator<ITransformer>[] RegressionMembers(MLContext ml) =>
    [
        TrainerFactory.Regression(ml, o => o.NumberOfEpochs = 4),
        ml.Regression.Trainers.LightGbm(new LightGbmRegressionTrainer.Options { NumberOfThreads = 1, NumberOfIterations = 20, Seed = 1 }),
    ];

    /// <summary>A column's values, flattened.</summary>
    public static float[] Floats(IDataView data, string column) => EstimatorConformance.ScoresOf(
        new MLContext(0).Transforms.CopyColumns("Score", column).Fit(data).Transform(data)).ToArray();
}
