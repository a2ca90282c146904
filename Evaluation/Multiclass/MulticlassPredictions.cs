namespace MLExt.Evaluation.Multiclass;

/// <summary>A multiclass classifier's predictions as arrays.</summary>
/// <param name="Labels">The zero-based class of each row; a value ≥ the class count is a class the model never saw.</param>
/// <param name="Scores">One score vector per row, one value per class (probabilities for log loss).</param>
/// <param name="ClassNames">A name per class, in score order.</param>
public sealed record MulticlassPredictions(int[] Labels, double[][] Scores, string[] ClassNames)
{
    /// <summary>Rows.</summary>
    public int Count => Labels.Length;

    /// <summary>Classes.</summary>
    public int ClassCount => ClassNames.Length;

    /// <summary>These predictions followed by <paramref name="other"/>'s (for pooling out-of-fold predictions).</summary>
    /// <exception cref="ArgumentException">The two have different classes.</exception>
    public MulticlassPredictions Concat(MulticlassPredictions other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (!ClassNames.SequenceEqual(other.ClassNames))
            throw new ArgumentException($"Cannot pool predictions over classes [{string.Join(", ", ClassNames)}] with [{string.Join(", ", other.ClassNames)}].", nameof(other));
        return new MulticlassPredictions([.. Labels, .. other.Labels], [.. Scores, .. other.Scores], ClassNames);
    }

    internal void Validate()
    {
        if (ClassNames.Length == 0)
            throw new ArgumentException("There must be at least one class.", nameof(ClassNames));
        if (Scores.Length != Labels.Length)
            throw new ArgumentException($"There are {Scores.Length} score vectors but {Labels.Length} labels.", nameof(Scores));
        for (int i = 0; i < Labels.Length; i++)
        {
            if (Labels[i] < 0)
                throw new ArgumentException($"Label {i} is {Labels[i]}; class indices start at 0.", nameof(Labels));
            if (Scores[i] is null || Scores[i].Length != ClassNames.Length)
                throw new ArgumentException($"Score vector {i} has {Scores[i]?.Length ?? 0} values; expected one per class ({ClassNames.Length}).", nameof(Scores));
            foreach (double s in Scores[i])
                if (!double.IsFinite(s))
                    throw new ArgumentException($"Score vector {i} holds {s}; scores must be finite.", nameof(Scores));
        }
    }
}
