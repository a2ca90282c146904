using Microsoft.ML;

namespace MLExt.Trainers;

/// <summary>Explanations in ML.NET's Transforms catalog.</summary>
public static class ExplanationCatalogExtensions
{
    /// <summary>Explains <paramref name="model"/>'s predictions by <paramref name="method"/> (each row's predicted class,
    /// zero baseline), adding the columns <c>Attribution</c> (per feature slot) and <c>ColumnAttribution</c> (per input
    /// column).</summary>
    public static ExplainPredictionsEstimator ExplainPredictions(this TransformsCatalog catalog, ITransformer model,
        AttributionMethod method = AttributionMethod.IntegratedGradients) =>
        ExplainPredictions(catalog, model, new ExplainPredictionsOptions { Method = method });

    /// <summary>Explains <paramref name="model"/>'s predictions with full options.</summary>
    public static ExplainPredictionsEstimator ExplainPredictions(this TransformsCatalog catalog, ITransformer model,
        ExplainPredictionsOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        return new ExplainPredictionsEstimator(model, options);
    }
}
