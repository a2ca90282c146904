using System.Globalization;

namespace MLExt.Trainers;

/// <summary>
/// The map between a regression label y and the target the network was trained on:
/// t = (g(y) − <see cref="Mean"/>) / <see cref="StandardDeviation"/>, with g = ln when <see cref="Log"/> and the
/// identity otherwise. The model applies the inverse y = g⁻¹(z·σ + μ) to the network's output z, in float32, in
/// process, in the saved model and in the exported ONNX graph (Mul, Add, then Exp for log).
/// </summary>
/// <param name="Mean">μ: the mean of g(y) over the training rows.</param>
/// <param name="StandardDeviation">σ: the (population) standard deviation of g(y) over the training rows.</param>
/// <param name="Log">Whether g is the natural logarithm.</param>
public sealed record TargetScaling(float Mean, float StandardDeviation, bool Log)
{
    /// <summary>The identity: the network's output is the prediction.</summary>
    public static TargetScaling Identity { get; } = new(0f, 1f, Log: false);

    /// <summary>Whether this map changes anything.</summary>
    public bool IsIdentity => Mean == 0f && StandardDeviation == 1f && !Log;

    /// <summary>The training target of label <paramref name="label"/>.</summary>
    public float Scale(float label) => (float)(((Log ? Math.Log(label) : label) - (double)Mean) / StandardDeviation);

    /// <summary>The prediction, in the label's units, of network output <paramref name="output"/>.</summary>
    // y = g⁻¹(z·σ + μ), computed as the ONNX graph does: float multiply, float add, float exp.
    public float Unscale(float output)
    {
        float affine = output * StandardDeviation + Mean;
        return Log ? MathF.Exp(affine) : affine;
    }

    /// <summary>
    /// The scaling for <paramref name="labels"/> (the training rows) under <paramref name="kind"/>, after checking
    /// that the label can be scaled that way.
    /// </summary>
    /// <param name="labels">The training labels, all finite.</param>
    /// <param name="kind">The scaling asked for.</param>
    /// <param name="column">The label column's name, for messages.</param>
    /// <exception cref="ArgumentException">
    /// The label is constant (nothing to learn), or <see cref="RegressionLabelScaling.LogStandardize"/> meets a value ≤ 0;
    /// the message names the column and the value found.
    /// </exception>
    public static TargetScaling Fit(ReadOnlySpan<float> labels, RegressionLabelScaling kind, string column)
    {
        if (labels.Length == 0) return Identity;
        bool log = kind == RegressionLabelScaling.LogStandardize;
        if (log) CheckPositive(labels, column);
        double mean = 0;
        for (int i = 0; i < labels.Length; i++) mean += Transformed(labels[i], log);
        mean /= labels.Length;
        double squares = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            double d = Transformed(labels[i], log) - mean;
            squares += d * d;
        }
        double deviation = Math.Sqrt(squares / labels.Length);
        if (!(deviation > 0) || (float)deviation == 0f)
            throw new ArgumentException(
                $"Label column '{column}' has the same value {Format(labels[0])} in all {labels.Length} training rows; " +
                "a regression needs a label that varies (check the column, or the rows selected for training).", "labelColumnName");
        return kind == RegressionLabelScaling.None ? Identity : new TargetScaling((float)mean, (float)deviation, log);
    }

    /// <summary>
    /// A warning when a few values dominate the label's variance (their squared distances from the mean are more
    /// than half of the total), so that standardising would squeeze every other label into a narrow band; null when
    /// they do not. Checked for 50 rows or more, on the top 1% of the rows (at least one).
    /// </summary>
    /// <param name="labels">The training labels.</param>
    /// <param name="column">The label column's name, for the message.</param>
    public static string? FindDominatingValues(ReadOnlySpan<float> labels, string column)
    {
        const int MinimumRows = 50;
        const double DominantShare = 0.5;
        if (labels.Length < MinimumRows) return null;
        double mean = 0;
        foreach (float y in labels) mean += y;
        mean /= labels.Length;
        var squares = new double[labels.Length];
        double total = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            double d = labels[i] - mean;
            squares[i] = d * d;
            total += squares[i];
        }
        if (!(total > 0)) return null;
        Array.Sort(squares);
        int few = Math.Max(1, (int)Math.Ceiling(labels.Length * 0.01));
        double top = 0;
        for (int i = squares.Length - few; i < squares.Length; i++) top += squares[i];
        if (top / total <= DominantShare) return null;
        float largest = 0f;
        foreach (float y in labels)
            if (Math.Abs(y - mean) > Math.Abs(largest - mean)) largest = y;
        return FormattableString.Invariant(
            $"Label column '{column}': the {few} most extreme of {labels.Length} training values (up to {Format(largest)}, mean {Format((float)mean)}) make up {top / total:P0} of its variance, ") +
            "so they dominate the loss and the scaling. For a positive, skewed label use LabelScaling = LogStandardize " +
            "(mlext: --label-scaling log); otherwise consider Loss = Huber.";
    }

    private static double Transformed(float label, bool log) => log ? Math.Log(label) : label;

    private static void CheckPositive(ReadOnlySpan<float> labels, string column)
    {
        int first = -1, count = 0;
        for (int i = 0; i < labels.Length; i++)
            if (!(labels[i] > 0f))
            {
                if (first < 0) first = i;
                count++;
            }
        if (first >= 0)
            throw new ArgumentException(
                $"Label column '{column}' has the value {Format(labels[first])} at training row {first}" +
                (count > 1 ? $" and {count - 1} more value(s) ≤ 0" : "") +
                "; LabelScaling = LogStandardize (mlext: --label-scaling log) needs every label > 0. Use Standardize, or shift the label.", "labelColumnName");
    }

    private static string Format(float value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
