using Microsoft.ML;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;
using MLExt.Evaluation;
using MLExt.Trainers;

namespace MLExt.AutoML;

/// <summary>Builds the trainer of a trial of <see cref="DefaultSearchSpace"/> from its parameters, seeded with the trial's seed.</summary>
/// <remarks>
/// Every ML.NET trainer runs on one thread so that the same seed gives the same model (SDCA and the tree learners are otherwise
/// not reproducible); parallelism comes from running trials at once. A tuner's budget applies to networks only: SDCA, L-BFGS and the
/// tree learners always train in full.
/// </remarks>
public static class TrialEstimators
{
    /// <summary>The trainer for <paramref name="parameters"/>; a space without a <see cref="DefaultSearchSpace.Trainer"/> choice is a network space.</summary>
    /// <exception cref="ArgumentException">An unknown trainer name, or a parameter of the default space is missing.</exception>
    public static IEstimator<ITransformer> Create(Parameters parameters, TrialContext context, ExperimentOptions options)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        string trainer = parameters.Contains(DefaultSearchSpace.Trainer) ? parameters.GetString(DefaultSearchSpace.Trainer) : DefaultSearchSpace.Network;
        var ml = new MLContext(context.Seed);
        string label = options.LabelColumnName, features = options.FeatureColumnName;
        return (trainer, options.Task) switch
        {
            (DefaultSearchSpace.Network, _) => NetworkTrainers.Create(ml, parameters, context, options),
            ("sdca", EvaluationTask.BinaryClassification) => ml.BinaryClassification.Trainers.SdcaLogisticRegression(new SdcaLogisticRegressionBinaryTrainer.Options
            { LabelColumnName = label, FeatureColumnName = features, L2Regularization = (float)parameters.GetDouble("sdca.L2"), NumberOfThreads = 1 }),
            ("sdca", EvaluationTask.MulticlassClassification) => ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(new SdcaMaximumEntropyMulticlassTrainer.Options
            { LabelColumnName = label, FeatureColumnName = features, L2Regularization = (float)parameters.GetDouble("sdca.L2"), NumberOfThreads = 1 }),
            ("sdca", _) => ml.Regression.Trainers.Sdca(new SdcaRegressionTrainer.Options
            { LabelColumnName = label, FeatureColumnName = features, L2Regularization = (float)parameters.GetDouble("sdca.L2"), NumberOfThreads = 1 }),
            ("lbfgs", EvaluationTask.BinaryClassification) => ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
            {
                LabelColumnName = label, FeatureColumnName = features, NumberOfThreads = 1,
                L1Regularization = (float)parameters.GetDouble("lbfgs.L1"), L2Regularization = (float)parameters.GetDouble("lbfgs.L2"),
            }),
            ("lbfgs", EvaluationTask.MulticlassClassification) => ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
            {
                LabelColumnName = label, FeatureColumnName = features, NumberOfThreads = 1,
                L1Regularization = (float)parameters.GetDouble("lbfgs.L1"), L2Regularization = (float)parameters.GetDouble("lbfgs.L2"),
            }),
            (DefaultSearchSpace.PoissonRegression, EvaluationTask.Regression) => ml.Regression.Trainers.LbfgsPoissonRegression(new LbfgsPoissonRegressionTrainer.Options
            {
                LabelColumnName = label, FeatureColumnName = features, NumberOfThreads = 1,
                L1Regularization = (float)parameters.GetDouble("lbfgs-poisson.L1"), L2Regularization = (float)parameters.GetDouble("lbfgs-poisson.L2"),
            }),
            ("fasttree", _) => FastTree(ml, parameters, context.Seed, options),
            ("lightgbm", _) => LightGbm(ml, parameters, context.Seed, options),
            _ => throw new ArgumentException($"Unknown trainer '{trainer}'; the default space has {string.Join(", ", DefaultSearchSpace.Trainers(options.Task))}.", nameof(parameters)),
        };
    }

    private static IEstimator<ITransformer> FastTree(MLContext ml, Parameters p, int seed, ExperimentOptions options)
    {
        T Set<T>(T o) where T : BoostedTreeOptions
        {
            o.LabelColumnName = options.LabelColumnName;
            o.FeatureColumnName = options.FeatureColumnName;
            o.NumberOfLeaves = Math.Max(2, p.GetInt32("fasttree.Leaves"));
            o.NumberOfTrees = p.GetInt32("fasttree.Trees");
            o.LearningRate = p.GetDouble("fasttree.LearningRate");
            o.MinimumExampleCountPerLeaf = p.GetInt32("fasttree.MinLeaf");
            o.NumberOfThreads = 1;
            o.Seed = seed;
            return o;
        }
        return options.Task switch
        {
            EvaluationTask.BinaryClassification => ml.BinaryClassification.Trainers.FastTree(Set(new FastTreeBinaryTrainer.Options())),
            EvaluationTask.MulticlassClassification => ml.MulticlassClassification.Trainers.OneVersusAll(
                ml.BinaryClassification.Trainers.FastTree(Set(new FastTreeBinaryTrainer.Options())), options.LabelColumnName),
            _ => ml.Regression.Trainers.FastTree(Set(new FastTreeRegressionTrainer.Options())),
        };
    }

    private static IEstimator<ITransformer> LightGbm(MLContext ml, Parameters p, int seed, ExperimentOptions options)
    {
        var common = (Leaves: p.GetInt32("lightgbm.Leaves"), Iterations: p.GetInt32("lightgbm.Trees"),
            Rate: p.GetDouble("lightgbm.LearningRate"), MinLeaf: p.GetInt32("lightgbm.MinLeaf"));
        return options.Task switch
        {
            EvaluationTask.BinaryClassification => ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
            {
                LabelColumnName = options.LabelColumnName, FeatureColumnName = options.FeatureColumnName, NumberOfThreads = 1, Seed = seed,
                NumberOfLeaves = common.Leaves, NumberOfIterations = common.Iterations, LearningRate = common.Rate, MinimumExampleCountPerLeaf = common.MinLeaf,
            }),
            EvaluationTask.MulticlassClassification => ml.MulticlassClassification.Trainers.LightGbm(new LightGbmMulticlassTrainer.Options
            {
                LabelColumnName = options.LabelColumnName, FeatureColumnName = options.FeatureColumnName, NumberOfThreads = 1, Seed = seed,
                NumberOfLeaves = common.Leaves, NumberOfIterations = common.Iterations, LearningRate = common.Rate, MinimumExampleCountPerLeaf = common.MinLeaf,
            }),
            _ => ml.Regression.Trainers.LightGbm(new LightGbmRegressionTrainer.Options
            {
                LabelColumnName = options.LabelColumnName, FeatureColumnName = options.FeatureColumnName, NumberOfThreads = 1, Seed = seed,
                NumberOfLeaves = common.Leaves, NumberOfIterations = common.Iterations, LearningRate = common.Rate, MinimumExampleCountPerLeaf = common.MinLeaf,
            }),
        };
    }
}
