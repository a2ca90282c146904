namespace MLExt.AutoML;

/// <summary>The metric an <see cref="Experiment"/> optimises, computed by MLExt's evaluators on held-out rows.</summary>
public enum ExperimentMetric
{
    /// <summary>Area under the ROC curve (binary; maximised).</summary>
    Auc,

    /// <summary>F1 score of the positive class (binary; maximised).</summary>
    F1,

    /// <summary>Accuracy (binary) or micro accuracy (multiclass); maximised.</summary>
    Accuracy,

    /// <summary>Macro accuracy, the mean per-class recall (multiclass; maximised).</summary>
    MacroAccuracy,

    /// <summary>Log loss (binary or multiclass; minimised).</summary>
    LogLoss,

    /// <summary>Root mean squared error (regression; minimised).</summary>
    Rmse,

    /// <summary>Mean absolute error (regression; minimised).</summary>
    Mae,

    /// <summary>Coefficient of determination R² (regression; maximised).</summary>
    RSquared,
}
