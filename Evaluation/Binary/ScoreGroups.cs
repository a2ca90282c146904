namespace MLExt.Evaluation.Binary;

/// <summary>
/// Rows sorted by score, highest first, with equal scores gathered into one group: the cumulative
/// true and false positives after each group. Every curve and the threshold analysis walk these groups,
/// so tied scores move together (the exact, tie-aware ROC of the Mann–Whitney statistic).
/// </summary>
internal sealed class ScoreGroups
{
    private ScoreGroups(double[] scores, long[] cumulativePositives, long[] cumulativeNegatives, long positives, long negatives)
    {
        Scores = scores;
        CumulativePositives = cumulativePositives;
        CumulativeNegatives = cumulativeNegatives;
        Positives = positives;
        Negatives = negatives;
    }

    /// <summary>The distinct scores, descending.</summary>
    public double[] Scores { get; }

    /// <summary>Positives with a score at least <c>Scores[g]</c>.</summary>
    public long[] CumulativePositives { get; }

    /// <summary>Negatives with a score at least <c>Scores[g]</c>.</summary>
    public long[] CumulativeNegatives { get; }

    public long Positives { get; }

    public long Negatives { get; }

    public int Count => Scores.Length;

    /// <summary>Groups finite scores; rows whose score is NaN are left out by the caller.</summary>
    public static ScoreGroups Build(ReadOnlySpan<double> scores, ReadOnlySpan<bool> labels)
    {
        var order = new int[scores.Length];
        for (int i = 0; i < order.Length; i++)
            order[i] = i;
        var keys = scores.ToArray();
        Array.Sort(keys, order, Comparer<double>.Create((a, b) => b.CompareTo(a)));

        var groupScores = new List<double>();
        var cumPos = new List<long>();
        var cumNeg = new List<long>();
        long pos = 0, neg = 0;
        for (int i = 0; i < keys.Length; i++)
        {
            if (labels[order[i]])
                pos++;
            else
                neg++;
            if (i + 1 == keys.Length || keys[i + 1] != keys[i])
            {
                groupScores.Add(keys[i]);
                cumPos.Add(pos);
                cumNeg.Add(neg);
            }
        }
        return new ScoreGroups(groupScores.ToArray(), cumPos.ToArray(), cumNeg.ToArray(), pos, neg);
    }

    /// <summary>
    /// The threshold of the operating point after <paramref name="included"/> groups under ML.NET's rule
    /// "positive when score &gt; threshold": the next distinct score, or −∞ once every group is in.
    /// </summary>
    public double ThresholdAfter(int included) => included < Scores.Length ? Scores[included] : double.NegativeInfinity;

    /// <summary>True positives after <paramref name="included"/> groups (0 before any).</summary>
    public long TruePositivesAfter(int included) => included == 0 ? 0 : CumulativePositives[included - 1];

    /// <summary>False positives after <paramref name="included"/> groups (0 before any).</summary>
    public long FalsePositivesAfter(int included) => included == 0 ? 0 : CumulativeNegatives[included - 1];
}
