using Microsoft.ML;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;
using MLExt.Cli.Training;
using MLExt.Trainers;

namespace MLExt.Cli.Models;

/// <summary>Builds the trainer a <c>--trainer</c> value names, for a task, reading <c>Label</c> and <c>Features</c>.</summary>
internal static class TrainerCatalog
{
    /// <summary>The values <c>--trainer</c> accepts.</summary>
    public static readonly string[] Names = ["nn", "lbfgs", "lbfgs-poisson", "sdca", "fasttree", "lightgbm"];

    /// <summary>What each name of <see cref="Names"/> trains, for the help.</summary>
    public const string Help = "nn (MLExt network), lbfgs (L-BFGS logistic regression or maximum entropy; classification), " +
        "lbfgs-poisson (L-BFGS Poisson regression; regression with labels ≥ 0), sdca (SDCA logistic regression, maximum entropy, " +
        "or least-squares linear regression), fasttree, lightgbm (boosted trees)";

    /// <summary>Parses a <c>--trainer</c> value.</summary>
    public static TrainerKind Parse(string name) => name.ToLowerInvariant() switch
    {
        "nn" => TrainerKind.Nn,
        "lbfgs" => TrainerKind.Lbfgs,
        "lbfgs-poisson" => TrainerKind.LbfgsPoisson,
        "sdca" => TrainerKind.Sdca,
        "fasttree" => TrainerKind.FastTree,
        "lightgbm" => TrainerKind.LightGbm,
        _ => throw new UserException($"--trainer must be one of {string.Join(", ", Names)}, got '{name}'"),
    };

    /// <summary>Refuses a trainer that does not do <paramref name="task"/>, naming the ones that do.</summary>
    public static TrainerKind Check(TrainerKind kind, TaskKind task) => (kind, task) switch
    {
        (TrainerKind.Lbfgs, TaskKind.Regression) => throw new UserException(
            "--trainer lbfgs is L-BFGS logistic regression or maximum entropy, for classification; for regression use sdca " +
            "(least-squares linear regression) or lbfgs-poisson (Poisson regression, labels ≥ 0)"),
        (TrainerKind.LbfgsPoisson, not TaskKind.Regression) => throw new UserException(
            "--trainer lbfgs-poisson is Poisson regression, for --task regression; for classification use lbfgs"),
        _ => kind,
    };

    /// <summary>The name shown in reports, such as <c>ML.NET SdcaMaximumEntropy</c>.</summary>
    public static string DisplayName(TrainerKind kind, TaskKind task) => (kind, task) switch
    {
        (TrainerKind.Nn, _) => "MLExt network",
        (TrainerKind.Lbfgs, TaskKind.Binary) => "ML.NET LbfgsLogisticRegression",
        (TrainerKind.Lbfgs, TaskKind.Multiclass) => "ML.NET LbfgsMaximumEntropy",
        (TrainerKind.LbfgsPoisson, _) => "ML.NET LbfgsPoissonRegression",
        (TrainerKind.Sdca, TaskKind.Binary) => "ML.NET SdcaLogisticRegression",
        (TrainerKind.Sdca, TaskKind.Multiclass) => "ML.NET SdcaMaximumEntropy",
        (TrainerKind.Sdca, _) => "ML.NET Sdca",
        (TrainerKind.FastTree, TaskKind.Multiclass) => "ML.NET FastTree (one-versus-all)",
        (TrainerKind.FastTree, _) => "ML.NET FastTree",
        _ => "ML.NET LightGbm",
    };

    /// <summary>
    /// The trainer for <paramref name="task"/>; <paramref name="network"/> configures the MLExt network, its seed the seeded ML.NET trainers.
    /// LightGbm runs on one thread, which makes it reproducible and keeps it from taking a shared machine's every core.
    /// </summary>
    public static IEstimator<ITransformer> Create(TrainerKind kind, TaskKind task, MLContext ml, NetworkSettings network)
    {
        const string label = TabularDataset.LabelColumn, features = TabularDataset.FeaturesColumn;
        return (Check(kind, task), task) switch
        {
            (TrainerKind.Nn, TaskKind.Binary) => ml.BinaryClassification.Trainers.NeuralNetwork(network.Apply(new NeuralNetworkBinaryTrainer.Options(), null)),
            (TrainerKind.Nn, TaskKind.Multiclass) => ml.MulticlassClassification.Trainers.NeuralNetwork(network.Apply(new NeuralNetworkMulticlassTrainer.Options(), null)),
            (TrainerKind.Nn, _) => ml.Regression.Trainers.NeuralNetwork(network.Apply(new NeuralNetworkRegressionTrainer.Options(), null)),
            (TrainerKind.Lbfgs, TaskKind.Binary) => ml.BinaryClassification.Trainers.LbfgsLogisticRegression(label, features),
            (TrainerKind.Lbfgs, TaskKind.Multiclass) => ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(label, features),
            (TrainerKind.LbfgsPoisson, _) => ml.Regression.Trainers.LbfgsPoissonRegression(label, features),
            (TrainerKind.Sdca, TaskKind.Binary) => ml.BinaryClassification.Trainers.SdcaLogisticRegression(label, features),
            (TrainerKind.Sdca, TaskKind.Multiclass) => ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(label, features),
            (TrainerKind.Sdca, _) => ml.Regression.Trainers.Sdca(label, features),
            (TrainerKind.FastTree, TaskKind.Binary) => ml.BinaryClassification.Trainers.FastTree(label, features),
            (TrainerKind.FastTree, TaskKind.Multiclass) => ml.MulticlassClassification.Trainers.OneVersusAll(ml.BinaryClassification.Trainers.FastTree(label, features), label),
            (TrainerKind.FastTree, _) => ml.Regression.Trainers.FastTree(label, features),
            (TrainerKind.LightGbm, TaskKind.Binary) => ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options { LabelColumnName = label, FeatureColumnName = features, Seed = network.Seed, NumberOfThreads = 1 }),
            (TrainerKind.LightGbm, TaskKind.Multiclass) => ml.MulticlassClassification.Trainers.LightGbm(new LightGbmMulticlassTrainer.Options { LabelColumnName = label, FeatureColumnName = features, Seed = network.Seed, NumberOfThreads = 1 }),
            (TrainerKind.LightGbm, _) => ml.Regression.Trainers.LightGbm(new LightGbmRegressionTrainer.Options { LabelColumnName = label, FeatureColumnName = features, Seed = network.Seed, NumberOfThreads = 1 }),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Check refused it above."),
        };
    }
}
