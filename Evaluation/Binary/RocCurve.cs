namespace MLExt.Evaluation.Binary;

/// <summary>
/// The receiver operating characteristic: one point per distinct score, from (0, 0) to (1, 1), and the exact area under it.
/// </summary>
/// <remarks>
/// Tied scores enter together, so a tie between a positive and a negative counts one half: the area equals the
/// Mann–Whitney probability P(score⁺ &gt; score⁻) + ½·P(score⁺ = score⁻), computed from integer counts
/// (ML.NET's evaluator computes the same quantity).
/// </remarks>
public sealed class RocCurve
{
    private RocCurve(IReadOnlyList<RocPoint> points, double area, string? reason)
    {
        Points = points;
        Area = area;
        Reason = reason;
    }

    /// <summary>The operating points in order of decreasing threshold; empty when the curve is undefined.</summary>
    public IReadOnlyList<RocPoint> Points { get; }

    /// <summary>The area under the curve (AUC); NaN when one class is absent.</summary>
    public double Area { get; }

    /// <summary>Why <see cref="Area"/> is NaN, or null.</summary>
    public string? Reason { get; }

    /// <summary>The ROC curve of finite <paramref name="scores"/> against <paramref name="labels"/> (true = positive).</summary>
    /// <exception cref="ArgumentException">The spans differ in length or a score is not finite.</exception>
    public static RocCurve Compute(ReadOnlySpan<double> scores, ReadOnlySpan<bool> labels)
    {
        BinaryInput.CheckFinite(scores, labels, nameof(scores));
        return From(ScoreGroups.Build(scores, labels));
    }

    internal static RocCurve From(ScoreGroups groups)
    {
        string? reason = BinaryInput.MissingClassReason(groups.Positives, groups.Negatives, "AUC");
        if (reason is not null)
            return new RocCurve([], double.NaN, reason);

        double p = groups.Positives, n = groups.Negatives;
        var points = new RocPoint[groups.Count + 1];
        points[0] = new RocPoint(0, 0, groups.ThresholdAfter(0));
        // Area = Σ over groups of negatives_g · (TP before g + ½·positives_g), divided by P·N: the trapezoid rule on counts.
        double twiceArea = 0;
        for (int g = 1; g <= groups.Count; g++)
        {
            long tpBefore = groups.TruePositivesAfter(g - 1), tp = groups.TruePositivesAfter(g);
            long fp = groups.FalsePositivesAfter(g), negativesInGroup = fp - groups.FalsePositivesAfter(g - 1);
            twiceArea += (double)negativesInGroup * (tpBefore + tp);
            points[g] = new RocPoint(fp / n, tp / p, groups.ThresholdAfter(g));
        }
        return new RocCurve(points, twiceArea / (2 * p * n), null);
    }
}
