namespace MLExt.Evaluation.Binary;

/// <summary>
/// The two-by-two confusion matrix of a binary classifier at one threshold, and the metrics read from it.
/// </summary>
/// <remarks>
/// Precision, recall, specificity and F1 follow ML.NET's evaluator: a ratio whose denominator is zero is 0.
/// Balanced accuracy is NaN when one class is absent; the Matthews correlation is NaN when any row or column of
/// the matrix is empty (its denominator is zero).
/// </remarks>
/// <param name="TruePositives">Positive rows predicted positive.</param>
/// <param name="FalsePositives">Negative rows predicted positive.</param>
/// <param name="TrueNegatives">Negative rows predicted negative.</param>
/// <param name="FalseNegatives">Positive rows predicted negative.</param>
public sealed record BinaryConfusion(long TruePositives, long FalsePositives, long TrueNegatives, long FalseNegatives)
{
    /// <summary>All rows counted.</summary>
    public long Total => TruePositives + FalsePositives + TrueNegatives + FalseNegatives;

    /// <summary>Rows whose label is positive.</summary>
    public long Positives => TruePositives + FalseNegatives;

    /// <summary>Rows whose label is negative.</summary>
    public long Negatives => TrueNegatives + FalsePositives;

    /// <summary>(TP + TN) / total; NaN without rows.</summary>
    public double Accuracy => Total == 0 ? double.NaN : (double)(TruePositives + TrueNegatives) / Total;

    /// <summary>TP / (TP + FP), the positive predictive value; 0 when nothing is predicted positive.</summary>
    public double Precision => Ratio(TruePositives, TruePositives + FalsePositives);

    /// <summary>TP / (TP + FN), the true-positive rate; 0 without positives.</summary>
    public double Recall => Ratio(TruePositives, Positives);

    /// <summary>TN / (TN + FP), the true-negative rate; 0 without negatives.</summary>
    public double Specificity => Ratio(TrueNegatives, Negatives);

    /// <summary>TN / (TN + FN), the negative predictive value; 0 when nothing is predicted negative.</summary>
    public double NegativePrecision => Ratio(TrueNegatives, TrueNegatives + FalseNegatives);

    /// <summary>FP / (FP + TN), the false-positive rate; 0 without negatives.</summary>
    public double FalsePositiveRate => Ratio(FalsePositives, Negatives);

    /// <summary>(recall + specificity) / 2; NaN when either class is absent.</summary>
    public double BalancedAccuracy => Positives == 0 || Negatives == 0 ? double.NaN : (Recall + Specificity) / 2;

    /// <summary>Youden's J = recall + specificity − 1.</summary>
    public double YoudenJ => Recall + Specificity - 1;

    /// <summary>F1 = 2·P·R / (P + R); 0 when precision and recall are both 0.</summary>
    public double F1 => FBeta(1);

    /// <summary>F-beta = (1 + β²)·P·R / (β²·P + R); 0 when the denominator is 0.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="beta"/> is not positive and finite.</exception>
    public double FBeta(double beta)
    {
        if (!(beta > 0) || double.IsInfinity(beta))
            throw new ArgumentOutOfRangeException(nameof(beta), beta, "beta must be positive and finite.");
        double p = Precision, r = Recall, b2 = beta * beta;
        double denominator = b2 * p + r;
        return denominator == 0 ? 0 : (1 + b2) * p * r / denominator;
    }

    /// <summary>
    /// Matthews correlation (TP·TN − FP·FN) / √((TP+FP)(TP+FN)(TN+FP)(TN+FN)); NaN when a factor is 0.
    /// </summary>
    public double MatthewsCorrelation
    {
        get
        {
            double a = TruePositives + FalsePositives, b = Positives, c = Negatives, d = TrueNegatives + FalseNegatives;
            if (a == 0 || b == 0 || c == 0 || d == 0)
                return double.NaN;
            return ((double)TruePositives * TrueNegatives - (double)FalsePositives * FalseNegatives) / Math.Sqrt(a * b * c * d);
        }
    }

    /// <summary>The total cost <paramref name="falsePositiveCost"/>·FP + <paramref name="falseNegativeCost"/>·FN.</summary>
    public double Cost(double falsePositiveCost, double falseNegativeCost) => falsePositiveCost * FalsePositives + falseNegativeCost * FalseNegatives;

    private static double Ratio(long numerator, long denominator) => denominator == 0 ? 0 : (double)numerator / denominator;
}
