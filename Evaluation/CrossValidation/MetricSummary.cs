namespace MLExt.Evaluation.CrossValidation;

/// <summary>A metric across folds: the per-fold values, their mean, standard deviation and 95% confidence interval.</summary>
/// <remarks>
/// The statistics use the folds where the metric is defined (not NaN). The standard deviation is the sample one
/// (divisor m − 1); the interval is mean ± t₀.₉₇₅,ₘ₋₁ · sd / √m (Student's t), NaN with fewer than two defined folds.
/// Folds of one data set are not independent samples, so the interval describes the spread over folds rather than
/// a guarantee about new data.
/// </remarks>
public sealed class MetricSummary
{
    internal MetricSummary(string name, bool higherIsBetter, IReadOnlyList<double> values, string? reason)
    {
        Name = name;
        HigherIsBetter = higherIsBetter;
        Values = values;
        var defined = values.Where(v => !double.IsNaN(v)).ToArray();
        DefinedCount = defined.Length;
        Mean = defined.Length == 0 ? double.NaN : defined.Average();
        if (defined.Length >= 2)
        {
            double mean = Mean;
            StandardDeviation = Math.Sqrt(defined.Sum(v => (v - mean) * (v - mean)) / (defined.Length - 1));
            double half = StudentT.TwoSidedCritical(0.95, defined.Length - 1) * StandardDeviation / Math.Sqrt(defined.Length);
            ConfidenceLow = mean - half;
            ConfidenceHigh = mean + half;
        }
        else
        {
            StandardDeviation = ConfidenceLow = ConfidenceHigh = double.NaN;
        }
        Reason = reason;
    }

    /// <summary>The metric's name.</summary>
    public string Name { get; }

    /// <summary>Whether a larger value is better.</summary>
    public bool HigherIsBetter { get; }

    /// <summary>One value per fold, in fold order (repeat by repeat); NaN where undefined.</summary>
    public IReadOnlyList<double> Values { get; }

    /// <summary>Folds where the metric is defined.</summary>
    public int DefinedCount { get; }

    /// <summary>Mean over the defined folds.</summary>
    public double Mean { get; }

    /// <summary>Sample standard deviation over the defined folds.</summary>
    public double StandardDeviation { get; }

    /// <summary>Lower end of the 95% confidence interval of the mean.</summary>
    public double ConfidenceLow { get; }

    /// <summary>Upper end of the 95% confidence interval of the mean.</summary>
    public double ConfidenceHigh { get; }

    /// <summary>Why some or all folds are NaN, or null when every fold is defined.</summary>
    public string? Reason { get; }
}
