namespace MLExt.Evaluation.Binary;

/// <summary>
/// The precision–recall curve (one point per distinct score, tied scores entering together), its average precision,
/// and ML.NET's area-under-PR estimate.
/// </summary>
/// <remarks>
/// Average precision is AP = Σₙ (Rₙ − Rₙ₋₁)·Pₙ over the operating points, with R₀ = 0 (the step-wise area, as
/// scikit-learn computes it); it does not depend on row order. <see cref="AreaUnderCurve"/> is ML.NET's
/// "lower trapezoid" estimator: rows are taken one at a time in decreasing score, ties in row order, and each
/// positive adds (ΔR)·(P_min + P)/2 where P_min is the precision just before it. It agrees with ML.NET's AUPRC
/// (ML.NET samples 100,000 rows when there are more; this uses all of them).
/// </remarks>
public sealed class PrecisionRecallCurve
{
    private PrecisionRecallCurve(IReadOnlyList<PrecisionRecallPoint> points, double averagePrecision, double areaUnderCurve, string? reason)
    {
        Points = points;
        AveragePrecision = averagePrecision;
        AreaUnderCurve = areaUnderCurve;
        Reason = reason;
    }

    /// <summary>The points in order of decreasing threshold (increasing recall); empty when there are no positives.</summary>
    public IReadOnlyList<PrecisionRecallPoint> Points { get; }

    /// <summary>Average precision, Σ (Rₙ − Rₙ₋₁)·Pₙ; NaN without positives.</summary>
    public double AveragePrecision { get; }

    /// <summary>ML.NET's lower-trapezoid AUPRC; NaN without positives.</summary>
    public double AreaUnderCurve { get; }

    /// <summary>Why the values are NaN, or null.</summary>
    public string? Reason { get; }

    /// <summary>The precision–recall curve of finite <paramref name="scores"/> against <paramref name="labels"/> (true = positive).</summary>
    /// <exception cref="ArgumentException">The spans differ in length or a score is not finite.</exception>
    public static PrecisionRecallCurve Compute(ReadOnlySpan<double> scores, ReadOnlySpan<bool> labels)
    {
        BinaryInput.CheckFinite(scores, labels, nameof(scores));
        return From(ScoreGroups.Build(scores, labels), scores, labels);
    }

    internal static PrecisionRecallCurve From(ScoreGroups groups, ReadOnlySpan<double> scores, ReadOnlySpan<bool> labels)
    {
        if (groups.Positives == 0)
        {
            string reason = groups.Negatives == 0
                ? "Precision–recall is undefined: there are no rows to evaluate."
                : "Precision–recall is undefined: no row has a positive label (a single-class label column).";
            return new PrecisionRecallCurve([], double.NaN, double.NaN, reason);
        }

        double positives = groups.Positives;
        var points = new PrecisionRecallPoint[groups.Count];
        double averagePrecision = 0, previousRecall = 0;
        for (int g = 1; g <= groups.Count; g++)
        {
            long tp = groups.TruePositivesAfter(g), fp = groups.FalsePositivesAfter(g);
            double recall = tp / positives, precision = (double)tp / (tp + fp);
            averagePrecision += (recall - previousRecall) * precision;
            previousRecall = recall;
            points[g - 1] = new PrecisionRecallPoint(recall, precision, groups.ThresholdAfter(g));
        }
        return new PrecisionRecallCurve(points, averagePrecision, LowerTrapezoid(scores, labels, groups.Positives), null);
    }

    /// <summary>ML.NET's estimator: a stable sort by decreasing score, then one row at a time.</summary>
    private static double LowerTrapezoid(ReadOnlySpan<double> scores, ReadOnlySpan<bool> labels, long positives)
    {
        var order = new int[scores.Length];
        for (int i = 0; i < order.Length; i++)
            order[i] = i;
        var keys = scores.ToArray();
        // Descending score, ascending row index: the order of LINQ's stable OrderByDescending that ML.NET uses.
        Array.Sort(order, (a, b) => keys[a] != keys[b] ? keys[b].CompareTo(keys[a]) : a.CompareTo(b));

        double area = 0, previousRecall = 0, previousPrecisionMin = 1;
        long tp = 0, fp = 0;
        foreach (int i in order)
        {
            if (labels[i])
            {
                tp++;
                double recall = (double)tp / positives, precision = (double)tp / (tp + fp);
                area += (recall - previousRecall) * (previousPrecisionMin + precision) / 2;
                previousPrecisionMin = precision;
                previousRecall = recall;
            }
            else
            {
                fp++;
                previousPrecisionMin = (double)tp / (tp + fp);
            }
        }
        return area;
    }
}
