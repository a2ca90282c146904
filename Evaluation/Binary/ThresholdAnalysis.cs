namespace MLExt.Evaluation.Binary;

/// <summary>
/// The metrics at every distinct decision threshold, and the best threshold by F1, Youden's J or a cost.
/// </summary>
/// <remarks>
/// A row is predicted positive when its score is greater than the threshold (ML.NET's rule), so a threshold from
/// here can be set on an ML.NET model (<c>ChangeModelThreshold</c>) or in <see cref="BinaryEvaluationOptions.Threshold"/>
/// and reproduces the counts exactly. The candidates are each distinct score (the rows at or below it are negative)
/// and −∞ (every row positive). Ties for the best go to the higher threshold.
/// </remarks>
public sealed class ThresholdAnalysis
{
    private ThresholdAnalysis(IReadOnlyList<ThresholdPoint> points) => Points = points;

    /// <summary>One point per candidate threshold, from the highest (nothing positive) to −∞ (everything positive).</summary>
    public IReadOnlyList<ThresholdPoint> Points { get; }

    /// <summary>The point with the highest F1, or null without rows.</summary>
    public ThresholdPoint? BestByF1 => Best(ThresholdCriterion.F1);

    /// <summary>The point with the highest Youden's J, or null without rows.</summary>
    public ThresholdPoint? BestByYoudenJ => Best(ThresholdCriterion.YoudenJ);

    /// <summary>Analyses finite <paramref name="scores"/> against <paramref name="labels"/> (true = positive).</summary>
    /// <exception cref="ArgumentException">The spans differ in length or a score is not finite.</exception>
    public static ThresholdAnalysis Compute(ReadOnlySpan<double> scores, ReadOnlySpan<bool> labels)
    {
        BinaryInput.CheckFinite(scores, labels, nameof(scores));
        return From(ScoreGroups.Build(scores, labels));
    }

    internal static ThresholdAnalysis From(ScoreGroups groups)
    {
        if (groups.Count == 0)
            return new ThresholdAnalysis([]);
        var points = new ThresholdPoint[groups.Count + 1];
        for (int g = 0; g <= groups.Count; g++)
        {
            long tp = groups.TruePositivesAfter(g), fp = groups.FalsePositivesAfter(g);
            var confusion = new BinaryConfusion(tp, fp, groups.Negatives - fp, groups.Positives - tp);
            points[g] = new ThresholdPoint(groups.ThresholdAfter(g), confusion);
        }
        return new ThresholdAnalysis(points);
    }

    /// <summary>The best point by <paramref name="criterion"/>, or null when there are no rows.</summary>
    /// <param name="criterion">What to optimise.</param>
    /// <param name="falsePositiveCost">Cost of one false positive (for <see cref="ThresholdCriterion.Cost"/>).</param>
    /// <param name="falseNegativeCost">Cost of one false negative (for <see cref="ThresholdCriterion.Cost"/>).</param>
    /// <exception cref="ArgumentOutOfRangeException">A cost is negative or not finite.</exception>
    public ThresholdPoint? Best(ThresholdCriterion criterion, double falsePositiveCost = 1, double falseNegativeCost = 1)
    {
        if (!(falsePositiveCost >= 0) || double.IsInfinity(falsePositiveCost))
            throw new ArgumentOutOfRangeException(nameof(falsePositiveCost), falsePositiveCost, "Costs must be finite and non-negative.");
        if (!(falseNegativeCost >= 0) || double.IsInfinity(falseNegativeCost))
            throw new ArgumentOutOfRangeException(nameof(falseNegativeCost), falseNegativeCost, "Costs must be finite and non-negative.");
        Func<BinaryConfusion, double> gain = criterion switch
        {
            ThresholdCriterion.F1 => c => c.F1,
            ThresholdCriterion.YoudenJ => c => c.YoudenJ,
            ThresholdCriterion.Cost => c => -c.Cost(falsePositiveCost, falseNegativeCost),
            _ => throw new ArgumentOutOfRangeException(nameof(criterion), criterion, "Unknown criterion."),
        };
        ThresholdPoint? best = null;
        double bestGain = double.NegativeInfinity;
        foreach (var point in Points)
        {
            double value = gain(point.Confusion);
            if (value > bestGain)
            {
                bestGain = value;
                best = point;
            }
        }
        return best;
    }
}
