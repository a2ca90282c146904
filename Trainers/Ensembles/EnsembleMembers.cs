using System.Reflection;
using MLExt.Evaluation;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExt.Trainers.Ensembles;

/// <summary>
/// What an ensemble checks of its members before training them, and which of their columns it combines: every member
/// (and a stacking meta-learner) must train on the ensemble's label and predict like a model of the ensemble's task.
/// </summary>
internal static class EnsembleMembers
{
    /// <summary>The name of the trainer at the end of <paramref name="estimator"/> (a pipeline's last estimator), without generic arity.</summary>
    public static string TypeName(IEstimator<ITransformer> estimator)
    {
        var last = LastEstimator(estimator);
        string name = last.GetType().Name;
        int tick = name.IndexOf('`', StringComparison.Ordinal);
        return tick < 0 ? name : name[..tick];
    }

    /// <summary>
    /// Checks each member on the input's shape (no training) and returns the ensemble's output shape; each member and
    /// the stacking meta-learner's label column must be the ensemble's.
    /// </summary>
    /// <exception cref="ArgumentException">A member cannot read the input, trains on another label, or predicts for another task; the message names it.</exception>
    public static SchemaShape Check(EnsembleOptions options, EvaluationTask task, SchemaShape input)
    {
        SchemaShape? first = null;
        for (int i = 0; i < options.Members.Count; i++)
        {
            var member = options.Members[i];
            string name = options.MemberName(i);
            CheckLabel(member, options.LabelColumnName, $"Members: {name}");
            SchemaShape output;
            try
            {
                output = member.GetOutputSchema(input);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                throw new ArgumentException($"Members: {name} cannot train on this data: {e.Message}", nameof(options.Members), e);
            }
            CheckTask(output, task, $"Members: {name}");
            first ??= output;
        }
        return Outputs(input, first!, task);
    }

    /// <summary>Checks that <paramref name="output"/> holds <paramref name="task"/>'s standard prediction columns.</summary>
    /// <exception cref="ArgumentException">It does not; the message starts with <paramref name="who"/>.</exception>
    public static void CheckTask(SchemaShape output, EvaluationTask task, string who)
    {
        var found = TaskOf(output);
        if (found != task)
            throw new ArgumentException(
                $"{who} predicts {Describe(found)}, but this is a {Describe(task)} ensemble: its members and meta-learner must all be {Describe(task)} trainers on the same label.",
                who.StartsWith("Members", StringComparison.Ordinal) ? "Members" : "MetaLearner");
    }

    /// <summary>Checks a trainer's label column, where its type says which one it reads.</summary>
    public static void CheckLabel(IEstimator<ITransformer> estimator, string label, string who)
    {
        if (LabelColumnName(estimator) is { } own && own != label)
            throw new ArgumentException($"{who} trains on label column '{own}', but the ensemble's LabelColumnName is '{label}': every member must learn the same label.",
                who.StartsWith("Members", StringComparison.Ordinal) ? "Members" : "MetaLearner");
    }

    /// <summary>The ensemble's output shape: the input's columns with the standard prediction columns of <paramref name="memberOutput"/>.</summary>
    public static SchemaShape Outputs(SchemaShape input, SchemaShape memberOutput, EvaluationTask task)
    {
        string[] names = task switch
        {
            EvaluationTask.BinaryClassification => [ColumnNames.Score, ColumnNames.Probability, ColumnNames.PredictedLabel],
            EvaluationTask.MulticlassClassification => [ColumnNames.Score, ColumnNames.PredictedLabel],
            _ => [ColumnNames.Score],
        };
        // An uncalibrated binary member has no Probability; the ensemble's is a scalar Single like its Score.
        if (task == EvaluationTask.BinaryClassification && SchemaShapes.FindOrNull(memberOutput, ColumnNames.Probability) is null)
            memberOutput = SchemaShapes.AddCopy(memberOutput, ColumnNames.Probability, ColumnNames.Score);
        var added = names.Select(n => SchemaShapes.FindOrNull(memberOutput, n)!.Value);
        return new SchemaShape(input.Where(c => !names.Contains(c.Name)).Concat(added));
    }

    /// <summary>
    /// The column of member <paramref name="index"/>'s output an ensemble combines: binary probability (or the predicted
    /// class for hard voting, or the score of an uncalibrated member in stacking), the multiclass Score vector, the regression Score.
    /// </summary>
    /// <exception cref="ArgumentException">The member's output lacks it or predicts for another task; the message names the member.</exception>
    public static string CombinedColumn(EnsembleOptions options, int index, EvaluationTask task, DataViewSchema output, EnsembleVoting? voting, int classes)
    {
        string who = $"Members: {options.MemberName(index)}";
        var score = output.GetColumnOrNull(ColumnNames.Score);
        var predicted = output.GetColumnOrNull(ColumnNames.PredictedLabel);
        EvaluationTask? found = score?.Type switch
        {
            VectorDataViewType { ItemType: NumberDataViewType n } when n.RawType == typeof(float) && predicted?.Type is KeyDataViewType => EvaluationTask.MulticlassClassification,
            NumberDataViewType n when n.RawType == typeof(float) && predicted?.Type is BooleanDataViewType => EvaluationTask.BinaryClassification,
            NumberDataViewType n when n.RawType == typeof(float) && predicted is null => EvaluationTask.Regression,
            _ => null,
        };
        if (found != task)
            throw new ArgumentException($"{who} predicts {Describe(found)}, but this is a {Describe(task)} ensemble.", "Members");
        if (task == EvaluationTask.MulticlassClassification)
        {
            int size = ((VectorDataViewType)score!.Value.Type).Size;
            if (size != classes)
                throw new ArgumentException($"{who} scores {size} classes, but the label has {classes}: every member must learn the same label.", "Members");
            return ColumnNames.Score;
        }
        if (task == EvaluationTask.Regression) return ColumnNames.Score;
        if (voting == EnsembleVoting.Hard) return ColumnNames.PredictedLabel;
        bool calibrated = output.GetColumnOrNull(ColumnNames.Probability) is not null;
        if (voting == EnsembleVoting.Soft && !calibrated)
            throw new ArgumentException(
                $"{who} outputs no Probability (an uncalibrated trainer); soft voting averages probabilities: use a calibrated trainer or Voting = Hard.", "Members");
        return calibrated ? ColumnNames.Probability : ColumnNames.Score;
    }

    private static EvaluationTask? TaskOf(SchemaShape output)
    {
        var score = SchemaShapes.FindOrNull(output, ColumnNames.Score);
        var predicted = SchemaShapes.FindOrNull(output, ColumnNames.PredictedLabel);
        if (score is not { ItemType: NumberDataViewType n } || n.RawType != typeof(float)) return null;
        bool scalar = score.Value.Kind == SchemaShape.Column.VectorKind.Scalar;
        if (!scalar && predicted is { IsKey: true }) return EvaluationTask.MulticlassClassification;
        if (scalar && predicted is { ItemType: BooleanDataViewType, Kind: SchemaShape.Column.VectorKind.Scalar }) return EvaluationTask.BinaryClassification;
        if (scalar && predicted is null) return EvaluationTask.Regression;
        return null;
    }

    private static string Describe(EvaluationTask? task) => task switch
    {
        EvaluationTask.BinaryClassification => "binary classification",
        EvaluationTask.MulticlassClassification => "multiclass classification",
        EvaluationTask.Regression => "regression",
        _ => "no standard Score and PredictedLabel",
    };

    private static IEstimator<ITransformer> LastEstimator(IEstimator<ITransformer> estimator)
    {
        // A pipeline is an EstimatorChain<T> for its last transformer's T; its public LastEstimator is the trainer.
        var type = estimator.GetType();
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(EstimatorChain<>)
            && type.GetProperty(nameof(EstimatorChain<ITransformer>.LastEstimator))?.GetValue(estimator) is IEstimator<ITransformer> last)
            return LastEstimator(last);
        return estimator;
    }

    // The label column a trainer reads, where it says: MLExt's networks through their options, ML.NET's trainers through
    // TrainerEstimatorBase's public LabelColumn field (generic over the trainer's model, hence read by name); else null.
    private static string? LabelColumnName(IEstimator<ITransformer> estimator)
    {
        var last = LastEstimator(estimator);
        if (last is NeuralNetworkBinaryTrainer binary) return binary.TrainerOptions.LabelColumnName;
        if (last is NeuralNetworkMulticlassTrainer multiclass) return multiclass.TrainerOptions.LabelColumnName;
        if (last is NeuralNetworkRegressionTrainer regression) return regression.TrainerOptions.LabelColumnName;
        var field = last.GetType().GetField("LabelColumn", BindingFlags.Public | BindingFlags.Instance);
        return field?.GetValue(last) is SchemaShape.Column { Name: { Length: > 0 } name } ? name : null;
    }
}
