using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;
using MLExt.Evaluation;

namespace MLExt.AutoML;

/// <summary>Checks an experiment's columns and fits the label conversion every trial shares: a multiclass label to a key, a numeric regression label to Single.</summary>
internal static class DataPreparation
{
    /// <summary>The label conversion for <paramref name="data"/> (an empty chain when none is needed).</summary>
    /// <exception cref="ArgumentException">A column is missing or of a type the task cannot use; the message names it.</exception>
    public static TransformerChain<ITransformer> Fit(IDataView data, ExperimentOptions options)
    {
        var schema = data.Schema;
        var features = schema.GetColumnOrNull(options.FeatureColumnName)
            ?? throw new ArgumentException($"The feature column '{options.FeatureColumnName}' is not in the data (columns: {Columns(schema)}).", nameof(data));
        if (features.Type is not VectorDataViewType { ItemType: var item, IsKnownSize: true } || item != NumberDataViewType.Single)
            throw new ArgumentException($"The feature column '{features.Name}' must be a known-size vector of Single; it is {features.Type}.", nameof(data));
        var label = schema.GetColumnOrNull(options.LabelColumnName)
            ?? throw new ArgumentException($"The label column '{options.LabelColumnName}' is not in the data (columns: {Columns(schema)}).", nameof(data));
        var ml = new MLContext(options.Seed);
        IEstimator<ITransformer>? conversion = (options.Task, label.Type) switch
        {
            (EvaluationTask.BinaryClassification, BooleanDataViewType) => null,
            (EvaluationTask.BinaryClassification, var type) =>
                throw new ArgumentException($"A binary label must be Boolean; column '{label.Name}' is {type}. Map its two values to true/false first.", nameof(data)),
            (EvaluationTask.MulticlassClassification, KeyDataViewType) => null,
            (EvaluationTask.MulticlassClassification, _) => ml.Transforms.Conversion.MapValueToKey(label.Name, keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByValue),
            (EvaluationTask.Regression, var type) when type == NumberDataViewType.Single => null,
            (EvaluationTask.Regression, NumberDataViewType) => ml.Transforms.Conversion.ConvertType(label.Name, outputKind: DataKind.Single),
            (_, var type) => throw new ArgumentException($"A regression label must be numeric; column '{label.Name}' is {type}.", nameof(data)),
        };
        var chain = new TransformerChain<ITransformer>();
        return conversion is null ? chain : chain.Append(conversion.Fit(data));
    }

    private static string Columns(DataViewSchema schema) => string.Join(", ", schema.Where(c => !c.IsHidden).Select(c => c.Name));
}
