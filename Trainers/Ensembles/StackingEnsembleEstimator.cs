using MLExt.Evaluation;
using MLExt.Evaluation.CrossValidation;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExt.Trainers.Ensembles;

/// <summary>
/// A stacking ensemble (scikit-learn's <c>StackingClassifier</c> and <c>StackingRegressor</c>): the members' predictions
/// on rows they did not train on — out-of-fold, over the same folds as <see cref="CrossValidator"/> — are the features
/// of a meta-learner (any ML.NET trainer of the task), optionally with the original features; then every member is
/// trained again on all the rows. Binary members contribute their probability (their score if uncalibrated),
/// multiclass members their class probabilities, regression members their score.
/// </summary>
public sealed class StackingEnsembleEstimator : EnsembleEstimatorBase<StackingEnsembleEstimator.Options>
{
    /// <summary>Options of a stacking ensemble.</summary>
    public sealed class Options : EnsembleOptions
    {
        /// <summary>
        /// The meta-learner: an ML.NET trainer of the ensemble's task reading the label and <see cref="FeatureColumnName"/>,
        /// which holds the members' predictions (followed by the original features with <see cref="PassThrough"/>).
        /// </summary>
        public IEstimator<ITransformer>? MetaLearner { get; set; }

        /// <summary>The column the meta-learner reads; with <see cref="PassThrough"/>, also the original features appended. Default <c>Features</c>.</summary>
        public string FeatureColumnName { get; set; } = ColumnNames.Features;

        /// <summary>Whether the meta-learner also sees the original <see cref="FeatureColumnName"/> (scikit-learn's <c>passthrough</c>). Default false.</summary>
        public bool PassThrough { get; set; }

        /// <summary>Folds for the out-of-fold predictions. Default 5, at least 2.</summary>
        public int NumberOfFolds { get; set; } = 5;

        /// <summary>How rows are dealt into folds (stratified for classification and plain k-fold for regression by default; grouped with <see cref="GroupColumnName"/>).</summary>
        public FoldStrategy FoldStrategy { get; set; } = FoldStrategy.Auto;

        /// <summary>A column whose equal values keep rows in the same fold, or null.</summary>
        public string? GroupColumnName { get; set; }

        /// <summary>Seed of the folds. Default 0.</summary>
        public int Seed { get; set; }

        internal override void Validate()
        {
            base.Validate();
            if (MetaLearner is null)
                throw new ArgumentException("MetaLearner is null: stacking needs a trainer of the ensemble's task to combine the members.", nameof(MetaLearner));
            if (string.IsNullOrWhiteSpace(FeatureColumnName))
                throw new ArgumentException("FeatureColumnName is empty.", nameof(FeatureColumnName));
            if (NumberOfFolds < 2)
                throw new ArgumentOutOfRangeException(nameof(NumberOfFolds), NumberOfFolds, "NumberOfFolds must be at least 2 for out-of-fold predictions.");
        }

        /// <summary>The meta-learner's name for messages.</summary>
        internal string MetaLearnerName => $"MetaLearner ({EnsembleMembers.TypeName(MetaLearner!)})";
    }

    internal StackingEnsembleEstimator(EvaluationTask task, Options options) : base(task, options) { }

    private protected override void Validate()
    {
        base.Validate();
        var options = EnsembleOptions;
        if (!Enum.IsDefined(options.FoldStrategy))
            throw new ArgumentOutOfRangeException(nameof(Options.FoldStrategy), options.FoldStrategy, "Unknown FoldStrategy.");
        if (FoldOptions().EffectiveStrategy == FoldStrategy.Grouped && string.IsNullOrWhiteSpace(options.GroupColumnName))
            throw new ArgumentException("FoldStrategy: grouped folds need GroupColumnName.", nameof(Options.GroupColumnName));
        if (FoldOptions().EffectiveStrategy == FoldStrategy.Stratified && Task == EvaluationTask.Regression)
            throw new ArgumentException("FoldStrategy: stratified folds need classes, and a regression label is continuous; use KFold.", nameof(Options.FoldStrategy));
    }

    private protected override SchemaShape CheckShape(SchemaShape input)
    {
        var options = EnsembleOptions;
        var memberOutput = EnsembleMembers.Check(options, Task, input);
        if (options.PassThrough)
            SchemaShapes.CheckFeatures(input, options.FeatureColumnName);
        // What the meta-learner sees: the members' predictions (shaped like a Score) concatenated into the feature column.
        var stacked = SchemaShapes.AddCopy(memberOutput, EnsembleChain.InputsColumn, ColumnNames.Score);
        string[] sources = options.PassThrough ? [EnsembleChain.InputsColumn, options.FeatureColumnName] : [EnsembleChain.InputsColumn];
        stacked = new MLContext(0).Transforms.Concatenate(options.FeatureColumnName, sources).GetOutputSchema(stacked);
        EnsembleMembers.CheckLabel(options.MetaLearner!, options.LabelColumnName, options.MetaLearnerName);
        SchemaShape metaOutput;
        try
        {
            metaOutput = options.MetaLearner!.GetOutputSchema(stacked);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            throw new ArgumentException($"{options.MetaLearnerName} cannot learn this {Task} ensemble's label '{options.LabelColumnName}': {e.Message}",
                nameof(Options.MetaLearner), e);
        }
        EnsembleMembers.CheckTask(metaOutput, Task, options.MetaLearnerName);
        return EnsembleMembers.Outputs(input, metaOutput, Task);
    }

    private protected override EnsembleTransformer FitChecked(IDataView input, PredictionHead? head)
    {
        var options = EnsembleOptions;
        int classes = ValuesPerMember(head);
        string Combined(int i, DataViewSchema schema) => EnsembleMembers.CombinedColumn(options, i, Task, schema, voting: null, classes);

        var outOfFold = OutOfFold(input, Combined);
        var members = FitMembers(input, "all the training rows");
        var chain = EnsembleChain.Members(input, members, Combined);
        string[] sources = options.PassThrough ? [EnsembleChain.InputsColumn, options.FeatureColumnName] : [EnsembleChain.InputsColumn];
        var withPredictions = new AppendedColumnDataView(input, EnsembleChain.InputsColumn, outOfFold);
        var stack = chain.Context.Transforms.Concatenate(options.FeatureColumnName, sources).Fit(withPredictions);
        ITransformer meta;
        try
        {
            meta = options.MetaLearner!.Fit(stack.Transform(withPredictions));
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            throw new InvalidOperationException($"{options.MetaLearnerName} failed to train on the members' out-of-fold predictions: {e.Message}", e);
        }
        chain.Append(stack);
        chain.Append(meta);
        var outputs = OutputColumns().Where(n => chain.View.Schema.GetColumnOrNull(n) is not null).ToArray();
        return new EnsembleTransformer(Task, "stacking", members, MemberNames(), weights: null, meta, chain.Finish(outputs), graphFile: null);
    }

    // Each row's members' predictions from the members trained on the other folds.
    private float[][] OutOfFold(IDataView input, Func<int, DataViewSchema, string> combined)
    {
        var options = EnsembleOptions;
        int[] folds = CrossValidationFolds.Assign(input, FoldOptions());
        var predictions = new float[folds.Length][];
        for (int fold = 0; fold < options.NumberOfFolds; fold++)
        {
            var train = CrossValidationFolds.Rows(input, folds, fold, test: false);
            var test = CrossValidationFolds.Rows(input, folds, fold, test: true);
            var members = FitMembers(train, $"the rows outside fold {fold + 1} of {options.NumberOfFolds}");
            using var chain = EnsembleChain.Members(train, members, combined).Finish([EnsembleChain.InputsColumn]);
            var scored = chain.Transform(test);
            var column = scored.Schema[EnsembleChain.InputsColumn];
            using var cursor = scored.GetRowCursor([column]);
            var getter = cursor.GetGetter<VBuffer<float>>(column);
            VBuffer<float> buffer = default;
            var rows = Enumerable.Range(0, folds.Length).Where(r => folds[r] == fold).GetEnumerator();
            while (cursor.MoveNext() && rows.MoveNext())
            {
                getter(ref buffer);
                predictions[rows.Current] = buffer.DenseValues().ToArray();
            }
        }
        return predictions;
    }

    private CrossValidationOptions FoldOptions()
    {
        var options = EnsembleOptions;
        var folds = new CrossValidationOptions
        {
            Task = Task,
            NumberOfFolds = options.NumberOfFolds,
            Strategy = options.FoldStrategy,
            GroupColumnName = options.GroupColumnName,
            Seed = options.Seed,
        };
        folds.Binary.LabelColumnName = folds.Multiclass.LabelColumnName = folds.Regression.LabelColumnName = options.LabelColumnName;
        return folds;
    }
}
