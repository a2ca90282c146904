namespace MLExt.Evaluation.Binary;

/// <summary>Checks shared by the binary metrics computed from spans.</summary>
internal static class BinaryInput
{
    public static void CheckFinite(ReadOnlySpan<double> scores, ReadOnlySpan<bool> labels, string name)
    {
        if (scores.Length != labels.Length)
            throw new ArgumentException($"There are {scores.Length} scores but {labels.Length} labels; they must pair up row by row.", name);
        for (int i = 0; i < scores.Length; i++)
            if (!double.IsFinite(scores[i]))
                throw new ArgumentException($"Score {i} is {scores[i]}; scores must be finite (leave such rows out, as the IDataView evaluators do).", name);
    }

    /// <summary>Why a metric that needs both classes is undefined, or null when both are present.</summary>
    public static string? MissingClassReason(long positives, long negatives, string metric)
    {
        if (positives == 0 && negatives == 0)
            return $"{metric} is undefined: there are no rows to evaluate.";
        if (negatives == 0)
            return $"{metric} is undefined: every row has a positive label (a single-class label column).";
        if (positives == 0)
            return $"{metric} is undefined: every row has a negative label (a single-class label column).";
        return null;
    }
}
