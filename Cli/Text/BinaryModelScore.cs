namespace MLExt.Cli.Text;

/// <summary>One row of a binary text comparison: a model's test figures (positive class: spam) and its training time.</summary>
/// <param name="Model">The model's name.</param>
/// <param name="Precision">Positive precision on the test split.</param>
/// <param name="Recall">Positive recall on the test split.</param>
/// <param name="F1">F1 of the positive class on the test split.</param>
/// <param name="Auc">Area under the ROC curve on the test split.</param>
/// <param name="Accuracy">Accuracy on the test split.</param>
/// <param name="FitSeconds">Wall-clock seconds of <c>Fit</c> (featurisation included).</param>
internal sealed record BinaryModelScore(string Model, double Precision, double Recall, double F1, double Auc, double Accuracy, double FitSeconds);
