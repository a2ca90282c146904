namespace MLExt.Evaluation.Multiclass;

/// <summary>
/// Which columns hold a multiclass classifier's output: <see cref="ColumnOptions.LabelColumnName"/> a key (as ML.NET's
/// <c>MapValueToKey</c> makes it) or a non-negative whole number; <see cref="ColumnOptions.ScoreColumnName"/> a vector
/// of Single with one probability per class.
/// </summary>
public sealed class MulticlassEvaluationOptions : ColumnOptions
{
    internal void Validate() => ValidateColumns();
}
