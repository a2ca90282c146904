namespace MLExt.Evaluation.Regression;

/// <summary>Which columns hold a regression model's output: the true value and the prediction, both numbers.</summary>
public sealed class RegressionEvaluationOptions : ColumnOptions
{
    internal void Validate() => ValidateColumns();
}
