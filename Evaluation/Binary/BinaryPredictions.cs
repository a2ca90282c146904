namespace MLExt.Evaluation.Binary;

/// <summary>A binary classifier's predictions as arrays: labels, scores and probabilities (NaN where there is none).</summary>
/// <param name="Labels">True for a positive row.</param>
/// <param name="Scores">Raw scores.</param>
/// <param name="Probabilities">Probabilities, NaN for a row without one; empty when there is no probability column.</param>
public sealed record BinaryPredictions(bool[] Labels, double[] Scores, double[] Probabilities)
{
    /// <summary>Rows.</summary>
    public int Count => Labels.Length;

    /// <summary>These predictions followed by <paramref name="other"/>'s (for pooling out-of-fold predictions).</summary>
    public BinaryPredictions Concat(BinaryPredictions other)
    {
        ArgumentNullException.ThrowIfNull(other);
        double[] probabilities = Probabilities.Length == 0 && other.Probabilities.Length == 0
            ? []
            : [.. Pad(Probabilities, Count), .. Pad(other.Probabilities, other.Count)];
        return new BinaryPredictions([.. Labels, .. other.Labels], [.. Scores, .. other.Scores], probabilities);
    }

    private static double[] Pad(double[] probabilities, int count) =>
        probabilities.Length == count ? probabilities : Enumerable.Repeat(double.NaN, count).ToArray();
}
