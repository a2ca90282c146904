namespace MLExt.Evaluation.Binary;

/// <summary>
/// The reliability diagram of predicted probabilities: equal-width bins on [0, 1], each with its mean prediction
/// and observed positive rate; the expected calibration error and the Brier score.
/// </summary>
/// <remarks>
/// Bin b of B holds probabilities in [b/B, (b+1)/B), the last one also 1.
/// ECE = Σ_b (n_b / N)·|fraction positive_b − mean predicted_b|; Brier = (1/N)·Σ (p − y)², y ∈ {0, 1}.
/// </remarks>
public sealed class CalibrationCurve
{
    private CalibrationCurve(IReadOnlyList<CalibrationBin> bins, double expectedCalibrationError, double brierScore, string? reason)
    {
        Bins = bins;
        ExpectedCalibrationError = expectedCalibrationError;
        BrierScore = brierScore;
        Reason = reason;
    }

    /// <summary>The bins in increasing order of probability, empty ones included.</summary>
    public IReadOnlyList<CalibrationBin> Bins { get; }

    /// <summary>Expected calibration error; NaN without rows.</summary>
    public double ExpectedCalibrationError { get; }

    /// <summary>Brier score, the mean squared error of the probabilities; NaN without rows.</summary>
    public double BrierScore { get; }

    /// <summary>Why the values are NaN, or null.</summary>
    public string? Reason { get; }

    /// <summary>An undefined curve with the reason.</summary>
    internal static CalibrationCurve Undefined(string reason) => new([], double.NaN, double.NaN, reason);

    /// <summary>Bins <paramref name="probabilities"/> against <paramref name="labels"/> (true = positive).</summary>
    /// <exception cref="ArgumentException">The spans differ in length or a probability is outside [0, 1] or NaN.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="binCount"/> is less than 1.</exception>
    public static CalibrationCurve Compute(ReadOnlySpan<double> probabilities, ReadOnlySpan<bool> labels, int binCount = 10)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(binCount, 1);
        if (probabilities.Length != labels.Length)
            throw new ArgumentException($"There are {probabilities.Length} probabilities but {labels.Length} labels.", nameof(probabilities));
        for (int i = 0; i < probabilities.Length; i++)
            if (!(probabilities[i] >= 0 && probabilities[i] <= 1))
                throw new ArgumentException($"Probability {i} is {probabilities[i]}; probabilities must lie in [0, 1].", nameof(probabilities));
        if (probabilities.Length == 0)
            return Undefined("Calibration is undefined: there are no rows with a probability.");

        var count = new long[binCount];
        var sumPredicted = new double[binCount];
        var positives = new long[binCount];
        double squaredError = 0;
        for (int i = 0; i < probabilities.Length; i++)
        {
            double p = probabilities[i];
            int b = Math.Min((int)(p * binCount), binCount - 1);
            count[b]++;
            sumPredicted[b] += p;
            double y = labels[i] ? 1 : 0;
            if (labels[i])
                positives[b]++;
            squaredError += (p - y) * (p - y);
        }

        var bins = new CalibrationBin[binCount];
        double total = probabilities.Length, ece = 0;
        for (int b = 0; b < binCount; b++)
        {
            double mean = count[b] == 0 ? double.NaN : sumPredicted[b] / count[b];
            double fraction = count[b] == 0 ? double.NaN : (double)positives[b] / count[b];
            if (count[b] > 0)
                ece += count[b] / total * Math.Abs(fraction - mean);
            bins[b] = new CalibrationBin((double)b / binCount, (double)(b + 1) / binCount, count[b], mean, fraction);
        }
        return new CalibrationCurve(bins, ece, squaredError / total, null);
    }
}
