using MLExt.Evaluation;
using MLExt.Trainers.Ensembles;
using Microsoft.ML;

namespace MLExt.Trainers;

/// <summary>MLExt's voting, averaging and stacking ensembles in ML.NET's trainer catalogs.</summary>
public static class EnsembleCatalogExtensions
{
    /// <summary>A voting ensemble of binary classifiers: the weighted mean of their probabilities (soft) or votes (hard).</summary>
    /// <param name="catalog">The catalog.</param>
    /// <param name="members">The members (trainers or pipelines ending in one), at least two.</param>
    /// <param name="voting">Soft (default) or hard.</param>
    /// <param name="weights">The members' weights, or null for equal ones.</param>
    /// <param name="labelColumnName">The label the members learn.</param>
    public static VotingEnsembleEstimator Voting(this BinaryClassificationCatalog.BinaryClassificationTrainers catalog,
        IEnumerable<IEstimator<ITransformer>> members, EnsembleVoting voting = EnsembleVoting.Soft, IEnumerable<float>? weights = null,
        string labelColumnName = ColumnNames.Label) =>
        Voting(catalog, VotingOptions(members, voting, weights, labelColumnName));

    /// <summary>A voting ensemble of binary classifiers with full options.</summary>
    public static VotingEnsembleEstimator Voting(this BinaryClassificationCatalog.BinaryClassificationTrainers catalog, VotingEnsembleEstimator.Options options) =>
        new(EvaluationTask.BinaryClassification, Checked(catalog, options));

    /// <summary>A voting ensemble of multiclass classifiers: the weighted mean of their class probabilities (soft) or votes (hard).</summary>
    /// <param name="catalog">The catalog.</param>
    /// <param name="members">The members (trainers or pipelines ending in one), at least two.</param>
    /// <param name="voting">Soft (default) or hard.</param>
    /// <param name="weights">The members' weights, or null for equal ones.</param>
    /// <param name="labelColumnName">The key-typed label the members learn.</param>
    public static VotingEnsembleEstimator Voting(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog,
        IEnumerable<IEstimator<ITransformer>> members, EnsembleVoting voting = EnsembleVoting.Soft, IEnumerable<float>? weights = null,
        string labelColumnName = ColumnNames.Label) =>
        Voting(catalog, VotingOptions(members, voting, weights, labelColumnName));

    /// <summary>A voting ensemble of multiclass classifiers with full options.</summary>
    public static VotingEnsembleEstimator Voting(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog, VotingEnsembleEstimator.Options options) =>
        new(EvaluationTask.MulticlassClassification, Checked(catalog, options));

    /// <summary>An averaging ensemble of regressors: the weighted mean of their scores.</summary>
    /// <param name="catalog">The catalog.</param>
    /// <param name="members">The members (trainers or pipelines ending in one), at least two.</param>
    /// <param name="weights">The members' weights, or null for equal ones.</param>
    /// <param name="labelColumnName">The label the members learn.</param>
    public static VotingEnsembleEstimator Averaging(this RegressionCatalog.RegressionTrainers catalog,
        IEnumerable<IEstimator<ITransformer>> members, IEnumerable<float>? weights = null, string labelColumnName = ColumnNames.Label) =>
        Averaging(catalog, VotingOptions(members, EnsembleVoting.Soft, weights, labelColumnName));

    /// <summary>An averaging ensemble of regressors with full options (<see cref="VotingEnsembleEstimator.Options.Voting"/> must stay Soft).</summary>
    public static VotingEnsembleEstimator Averaging(this RegressionCatalog.RegressionTrainers catalog, VotingEnsembleEstimator.Options options) =>
        new(EvaluationTask.Regression, Checked(catalog, options));

    /// <summary>
    /// A stacking ensemble of binary classifiers: <paramref name="metaLearner"/> learns from the members' out-of-fold
    /// probabilities, read from <paramref name="featureColumnName"/> (followed by the original features with <paramref name="passThrough"/>).
    /// </summary>
    public static StackingEnsembleEstimator Stacking(this BinaryClassificationCatalog.BinaryClassificationTrainers catalog,
        IEnumerable<IEstimator<ITransformer>> members, IEstimator<ITransformer> metaLearner, bool passThrough = false, int numberOfFolds = 5,
        string labelColumnName = ColumnNames.Label, string featureColumnName = ColumnNames.Features) =>
        Stacking(catalog, StackingOptions(members, metaLearner, passThrough, numberOfFolds, labelColumnName, featureColumnName));

    /// <summary>A stacking ensemble of binary classifiers with full options.</summary>
    public static StackingEnsembleEstimator Stacking(this BinaryClassificationCatalog.BinaryClassificationTrainers catalog, StackingEnsembleEstimator.Options options) =>
        new(EvaluationTask.BinaryClassification, Checked(catalog, options));

    /// <summary>
    /// A stacking ensemble of multiclass classifiers: <paramref name="metaLearner"/> learns from the members' out-of-fold
    /// class probabilities, read from <paramref name="featureColumnName"/> (followed by the original features with <paramref name="passThrough"/>).
    /// </summary>
    public static StackingEnsembleEstimator Stacking(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog,
        IEnumerable<IEstimator<ITransformer>> members, IEstimator<ITransformer> metaLearner, bool passThrough = false, int numberOfFolds = 5,
        string labelColumnName = ColumnNames.Label, string featureColumnName = ColumnNames.Features) =>
        Stacking(catalog, StackingOptions(members, metaLearner, passThrough, numberOfFolds, labelColumnName, featureColumnName));

    /// <summary>A stacking ensemble of multiclass classifiers with full options.</summary>
    public static StackingEnsembleEstimator Stacking(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog, StackingEnsembleEstimator.Options options) =>
        new(EvaluationTask.MulticlassClassification, Checked(catalog, options));

    /// <summary>
    /// A stacking ensemble of regressors: <paramref name="metaLearner"/> learns from the members' out-of-fold scores, read
    /// from <paramref name="featureColumnName"/> (followed by the original features with <paramref name="passThrough"/>).
    /// </summary>
    public static StackingEnsembleEstimator Stacking(this RegressionCatalog.RegressionTrainers catalog,
        IEnumerable<IEstimator<ITransformer>> members, IEstimator<ITransformer> metaLearner, bool passThrough = false, int numberOfFolds = 5,
        string labelColumnName = ColumnNames.Label, string featureColumnName = ColumnNames.Features) =>
        Stacking(catalog, StackingOptions(members, metaLearner, passThrough, numberOfFolds, labelColumnName, featureColumnName));

    /// <summary>A stacking ensemble of regressors with full options.</summary>
    public static StackingEnsembleEstimator Stacking(this RegressionCatalog.RegressionTrainers catalog, StackingEnsembleEstimator.Options options) =>
        new(EvaluationTask.Regression, Checked(catalog, options));

    private static VotingEnsembleEstimator.Options VotingOptions(IEnumerable<IEstimator<ITransformer>> members, EnsembleVoting voting,
        IEnumerable<float>? weights, string labelColumnName)
    {
        ArgumentNullException.ThrowIfNull(members);
        return new() { Members = members.ToArray(), Voting = voting, Weights = weights?.ToArray(), LabelColumnName = labelColumnName };
    }

    private static StackingEnsembleEstimator.Options StackingOptions(IEnumerable<IEstimator<ITransformer>> members, IEstimator<ITransformer> metaLearner,
        bool passThrough, int numberOfFolds, string labelColumnName, string featureColumnName)
    {
        ArgumentNullException.ThrowIfNull(members);
        return new()
        {
            Members = members.ToArray(), MetaLearner = metaLearner, PassThrough = passThrough, NumberOfFolds = numberOfFolds,
            LabelColumnName = labelColumnName, FeatureColumnName = featureColumnName,
        };
    }

    private static TOptions Checked<TOptions>(object catalog, TOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(options);
        return options;
    }
}
