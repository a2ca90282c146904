using MLExt.Neural;

namespace MLExt.Trainers;

/// <summary>Settings of <see cref="ExplainPredictionsEstimator"/>.</summary>
public sealed class ExplainPredictionsOptions
{
    /// <summary>The attribution method.</summary>
    public AttributionMethod Method { get; set; } = AttributionMethod.IntegratedGradients;

    /// <summary>The explained output unit: a class's index for multiclass; null explains each row's predicted class
    /// (binary and regression have one output, the logit and the network's value).</summary>
    public int? Target { get; set; }

    /// <summary>Integrated gradients' starting point and occlusion's replacement values, one per feature slot as the
    /// network reads them (after the pipeline's normalisation); null for zeros.</summary>
    public float[]? Baseline { get; set; }

    /// <summary>The network's saved copy, for a model loaded from a zip (<see cref="SavedNetwork.FromModelFile"/>); null
    /// to find the network in the model itself.</summary>
    public SavedNetwork? Network { get; set; }

    /// <summary>The per-slot attribution column added (a float vector with the feature column's slot names).</summary>
    public string OutputColumnName { get; set; } = "Attribution";

    /// <summary>The per-input-column attribution column added (a float vector whose slots are the source columns).</summary>
    public string ColumnAttributionColumnName { get; set; } = "ColumnAttribution";

    /// <summary>Steps, integration rule, SmoothGrad's samples, noise and seed, occlusion's window.</summary>
    public AttributionOptions Attribution { get; set; } = new();
}
