namespace MLExt.Evaluation.Regression;

/// <summary>Which columns hold a regression model's output. The defaults are ML.NET's.</summary>
public sealed class RegressionEvaluationOptions
{
    /// <summary>The label column (a number). Default <c>Label</c>.</summary>
    public string LabelColumnName { get; set; } = "Label";

    /// <summary>The predicted value column (a number). Default <c>Score</c>.</summary>
    public string ScoreColumnName { get; set; } = "Score";

    internal void Validate()
    {
        if (string.IsNullOrEmpty(LabelColumnName))
            throw new ArgumentException("LabelColumnName must name a column.", nameof(LabelColumnName));
        if (string.IsNullOrEmpty(ScoreColumnName))
            throw new ArgumentException("ScoreColumnName must name a column.", nameof(ScoreColumnName));
    }
}
