using MLExt.Evaluation.Data;
using Microsoft.ML;

namespace MLExt.Evaluation.CrossValidation;

/// <summary>
/// The folds <see cref="CrossValidator"/> deals, for code that trains on them itself (stacking's out-of-fold
/// predictions): the same seed and options give the same folds as a cross-validation run.
/// </summary>
public static class CrossValidationFolds
{
    /// <summary>The fold (0 to <see cref="CrossValidationOptions.NumberOfFolds"/> − 1) of every row of <paramref name="data"/>, for one repeat.</summary>
    /// <exception cref="ArgumentException">Fewer rows or groups than folds, a missing column, or an invalid option.</exception>
    public static int[] Assign(IDataView data, CrossValidationOptions options, int repeat = 0)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return FoldAssigner.Assign(data, options, repeat, warnings: []);
    }

    /// <summary>The rows of <paramref name="data"/> in fold <paramref name="fold"/> (<paramref name="test"/>) or in every other fold, in source order.</summary>
    public static IDataView Rows(IDataView data, int[] folds, int fold, bool test)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(folds);
        return new RowSubsetDataView(data, folds.Select(f => (f == fold) == test).ToArray());
    }
}
