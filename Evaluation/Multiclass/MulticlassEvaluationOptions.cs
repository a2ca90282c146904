namespace MLExt.Evaluation.Multiclass;

/// <summary>Which columns hold a multiclass classifier's output. The defaults are ML.NET's.</summary>
public sealed class MulticlassEvaluationOptions
{
    /// <summary>The label column: a key (as ML.NET's <c>MapValueToKey</c> makes it) or a non-negative whole number. Default <c>Label</c>.</summary>
    public string LabelColumnName { get; set; } = "Label";

    /// <summary>The score column: a vector of Single with one probability per class. Default <c>Score</c>.</summary>
    public string ScoreColumnName { get; set; } = "Score";

    internal void Validate()
    {
        if (string.IsNullOrEmpty(LabelColumnName))
            throw new ArgumentException("LabelColumnName must name a column.", nameof(LabelColumnName));
        if (string.IsNullOrEmpty(ScoreColumnName))
            throw new ArgumentException("ScoreColumnName must name a column.", nameof(ScoreColumnName));
    }
}
