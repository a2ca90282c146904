namespace MLExt.Trainers;

/// <summary>How <see cref="ExplainPredictionsEstimator"/> attributes a prediction to the features.</summary>
public enum AttributionMethod
{
    /// <summary>Integrated gradients from the baseline (complete: the attributions sum to f(x) − f(baseline)).</summary>
    IntegratedGradients,

    /// <summary>The gradient of the explained output.</summary>
    Saliency,

    /// <summary>Gradient × input.</summary>
    GradientTimesInput,

    /// <summary>The gradient averaged over noisy copies of the row (seeded).</summary>
    SmoothGrad,

    /// <summary>f(row) − f(row with one feature set to the baseline's value): leave one feature (or token) out.</summary>
    Occlusion,
}
