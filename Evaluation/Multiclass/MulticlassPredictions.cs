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

    /// <summary>
    /// These predictions followed by <paramref name="other"/>'s (for pooling out-of-fold predictions). When the two
    /// know different classes (a fold whose training part lacked a class), the classes are united by name and a
    /// class a model did not know gets score 0 from it.
    /// </summary>
    public MulticlassPredictions Concat(MulticlassPredictions other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (ClassNames.SequenceEqual(other.ClassNames))
            return new MulticlassPredictions([.. Labels, .. other.Labels], [.. Scores, .. other.Scores], ClassNames);
        string[] union = [.. ClassNames, .. other.ClassNames.Where(c => !ClassNames.Contains(c))];
        return Remap(union).Concat(other.Remap(union));
    }

    /// <summary>These predictions over the classes <paramref name="classes"/> (a superset of <see cref="ClassNames"/>).</summary>
    private MulticlassPredictions Remap(string[] classes)
    {
        int[] index = ClassNames.Select(c => Array.IndexOf(classes, c)).ToArray();
        var labels = Labels.Select(l => l < index.Length ? index[l] : classes.Length + l - index.Length).ToArray();
        var scores = Scores.Select(row =>
        {
            var mapped = new double[classes.Length];
            for (int c = 0; c < row.Length; c++)
                mapped[index[c]] = row[c];
            return mapped;
        }).ToArray();
        return new MulticlassPredictions(labels, scores, classes);
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
