namespace MLExt.Trainers;

/// <summary>ML.NET's standard column names (ML.NET's own constants are internal).</summary>
public static class ColumnNames
{
    /// <summary><c>Label</c>.</summary>
    public const string Label = "Label";

    /// <summary><c>Features</c>.</summary>
    public const string Features = "Features";

    /// <summary><c>Score</c>.</summary>
    public const string Score = "Score";

    /// <summary><c>Probability</c>.</summary>
    public const string Probability = "Probability";

    /// <summary><c>PredictedLabel</c>.</summary>
    public const string PredictedLabel = "PredictedLabel";
}
