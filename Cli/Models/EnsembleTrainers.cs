using Microsoft.ML;
using MLExt.Cli.Training;
using MLExt.Trainers;
using MLExt.Trainers.Ensembles;

namespace MLExt.Cli.Models;

/// <summary>The ensembles <c>mlext cv --ensemble</c> adds to a comparison: of the <c>--trainer</c> models, reading <c>Label</c> and <c>Features</c>.</summary>
internal static class EnsembleTrainers
{
    /// <summary>The values <c>--ensemble</c> accepts.</summary>
    public static readonly string[] Names = ["voting", "stacking"];

    /// <summary>Parses an <c>--ensemble</c> value.</summary>
    public static EnsembleKind Parse(string name) => name.ToLowerInvariant() switch
    {
        "voting" => EnsembleKind.Voting,
        "stacking" => EnsembleKind.Stacking,
        _ => throw new UserException($"--ensemble must be one of {string.Join(", ", Names)}, got '{name}'"),
    };

    /// <summary>The name shown in the comparison, such as <c>stacking (MLExt network + ML.NET LightGbm)</c>.</summary>
    public static string DisplayName(EnsembleKind kind, TaskKind task, IEnumerable<TrainerKind> members) =>
        $"{(kind == EnsembleKind.Stacking ? "stacking" : task == TaskKind.Regression ? "averaging" : "soft voting")} " +
        $"({string.Join(" + ", members.Select(m => TrainerCatalog.DisplayName(m, task)))})";

    /// <summary>
    /// The ensemble of <paramref name="members"/>: soft voting with equal weights (averaging for regression), or stacking with
    /// the linear baseline (L-BFGS logistic regression or maximum entropy; SDCA least squares) as the meta-learner on
    /// <paramref name="folds"/>-fold out-of-fold predictions.
    /// </summary>
    public static IEstimator<ITransformer> Create(EnsembleKind kind, TaskKind task, MLContext ml, IReadOnlyList<(string Name, IEstimator<ITransformer> Estimator)> members,
        int folds, int seed)
    {
        if (kind == EnsembleKind.Voting)
        {
            var voting = new VotingEnsembleEstimator.Options
            {
                Members = members.Select(m => m.Estimator).ToArray(), MemberNames = members.Select(m => m.Name).ToArray(), LabelColumnName = TabularDataset.LabelColumn,
            };
            return task switch
            {
                TaskKind.Binary => ml.BinaryClassification.Trainers.Voting(voting),
                TaskKind.Multiclass => ml.MulticlassClassification.Trainers.Voting(voting),
                _ => ml.Regression.Trainers.Averaging(voting),
            };
        }
        var stacking = new StackingEnsembleEstimator.Options
        {
            Members = members.Select(m => m.Estimator).ToArray(), MemberNames = members.Select(m => m.Name).ToArray(),
            MetaLearner = BaselineTrainers.Linear(task, ml), LabelColumnName = TabularDataset.LabelColumn, FeatureColumnName = TabularDataset.FeaturesColumn,
            NumberOfFolds = folds, Seed = seed,
        };
        return task switch
        {
            TaskKind.Binary => ml.BinaryClassification.Trainers.Stacking(stacking),
            TaskKind.Multiclass => ml.MulticlassClassification.Trainers.Stacking(stacking),
            _ => ml.Regression.Trainers.Stacking(stacking),
        };
    }
}
