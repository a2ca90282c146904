namespace MLExt.Evaluation.CrossValidation;

/// <summary>How rows are dealt into folds.</summary>
public enum FoldStrategy
{
    /// <summary>Stratified for classification, plain k-fold for regression; grouped when a group column is set.</summary>
    Auto,

    /// <summary>Shuffled rows dealt round-robin: fold sizes differ by at most one.</summary>
    KFold,

    /// <summary>Each class shuffled and dealt round-robin, so every fold keeps the class proportions.</summary>
    Stratified,

    /// <summary>Whole groups (rows sharing a value of the group column) dealt to the lightest fold, largest group first.</summary>
    Grouped,
}
