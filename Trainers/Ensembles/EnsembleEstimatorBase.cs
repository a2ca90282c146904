using MLExt.Evaluation;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExt.Trainers.Ensembles;

/// <summary>
/// What voting and stacking share: options validated and every member (and meta-learner) checked on the data's shape
/// before anything trains, members fitted with errors that name them, and the task's label read.
/// </summary>
/// <typeparam name="TOptions">The ensemble's options type.</typeparam>
public abstract class EnsembleEstimatorBase<TOptions> : IEstimator<EnsembleTransformer>
    where TOptions : EnsembleOptions
{
    private protected EnsembleEstimatorBase(EvaluationTask task, TOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!Enum.IsDefined(task)) throw new ArgumentOutOfRangeException(nameof(task), task, "Unknown task.");
        Task = task;
        EnsembleOptions = options;
    }

    /// <summary>The ensemble's task (from the catalog it was made in).</summary>
    public EvaluationTask Task { get; }

    /// <summary>The options this ensemble was created with.</summary>
    public TOptions EnsembleOptions { get; }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">An option is invalid, or a member cannot read the input or predicts for another task (named).</exception>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        Validate();
        return CheckShape(inputSchema);
    }

    /// <summary>Checks everything, then trains the members and combines them.</summary>
    /// <exception cref="ArgumentException">
    /// An option is invalid, the label column is missing or of the wrong type, or a member or the meta-learner cannot train on the
    /// data or predicts for another task; the message names the option, column or member. Raised before any training.
    /// </exception>
    /// <exception cref="InvalidOperationException">A member or the meta-learner failed while training (named).</exception>
    public EnsembleTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        Validate();
        var label = input.Schema.GetColumnOrNull(EnsembleOptions.LabelColumnName)
            ?? throw new ArgumentException($"LabelColumnName: column '{EnsembleOptions.LabelColumnName}' was not found in the data.", nameof(EnsembleOptions.LabelColumnName));
        var head = Task switch
        {
            EvaluationTask.BinaryClassification => (PredictionHead)new BinaryHead(label),
            EvaluationTask.MulticlassClassification => new MulticlassHead(label),
            _ => null,
        };
        if (SchemaShapes.Of(input.Schema) is { } shape)
            CheckShape(shape);
        return FitChecked(input, head);
    }

    /// <summary>Validates the options; the message names the option.</summary>
    private protected virtual void Validate() => EnsembleOptions.Validate();

    /// <summary>Checks the members (and meta-learner) on <paramref name="input"/>'s shape and returns the output shape.</summary>
    private protected virtual SchemaShape CheckShape(SchemaShape input) => EnsembleMembers.Check(EnsembleOptions, Task, input);

    /// <summary>Trains and combines, once everything is checked; <paramref name="head"/> is the classifier's head (null for regression).</summary>
    private protected abstract EnsembleTransformer FitChecked(IDataView input, PredictionHead? head);

    /// <summary>The members fitted on <paramref name="data"/>; <paramref name="where"/> names the rows in messages.</summary>
    private protected ITransformer[] FitMembers(IDataView data, string where)
    {
        var fitted = new ITransformer[EnsembleOptions.Members.Count];
        for (int i = 0; i < fitted.Length; i++)
        {
            try
            {
                fitted[i] = EnsembleOptions.Members[i].Fit(data);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                throw new InvalidOperationException($"Members: {EnsembleOptions.MemberName(i)} failed to train on {where}: {e.Message}", e);
            }
        }
        return fitted;
    }

    /// <summary>The member names, as in messages.</summary>
    private protected string[] MemberNames() => Enumerable.Range(0, EnsembleOptions.Members.Count).Select(EnsembleOptions.MemberName).ToArray();

    /// <summary>The values each member contributes per row: the classes for multiclass, else 1.</summary>
    private protected static int ValuesPerMember(PredictionHead? head) => head is MulticlassHead multiclass ? multiclass.Units : 1;

    /// <summary>The standard output columns of the task.</summary>
    private protected string[] OutputColumns() => Task switch
    {
        EvaluationTask.BinaryClassification => [ColumnNames.Score, ColumnNames.Probability, ColumnNames.PredictedLabel],
        EvaluationTask.MulticlassClassification => [ColumnNames.Score, ColumnNames.PredictedLabel],
        _ => [ColumnNames.Score],
    };
}
