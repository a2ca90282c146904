namespace MLExt.Evaluation;

/// <summary>The label and score columns every evaluator reads. The defaults are ML.NET's.</summary>
public abstract class ColumnOptions
{
    /// <summary>The label column. Default <c>Label</c>.</summary>
    public string LabelColumnName { get; set; } = "Label";

    /// <summary>The score column. Default <c>Score</c>.</summary>
    public string ScoreColumnName { get; set; } = "Score";

    /// <summary>Checks that both columns are named.</summary>
    /// <exception cref="ArgumentException">A name is empty.</exception>
    private protected void ValidateColumns()
    {
        if (string.IsNullOrEmpty(LabelColumnName))
            throw new ArgumentException("LabelColumnName must name a column.", nameof(LabelColumnName));
        if (string.IsNullOrEmpty(ScoreColumnName))
            throw new ArgumentException("ScoreColumnName must name a column.", nameof(ScoreColumnName));
    }
}
