using System.Globalization;

namespace MLExt.Evaluation.Reports;

/// <summary>Number formatting shared by the report writers.</summary>
internal static class ReportFormat
{
    public static string Number(double value) => value switch
    {
        double.NaN => "NaN",
        double.PositiveInfinity => "∞",
        double.NegativeInfinity => "−∞",
        _ when Math.Abs(value) >= 1e6 || (value != 0 && Math.Abs(value) < 1e-4) => value.ToString("0.####e+0", CultureInfo.InvariantCulture),
        _ => value.ToString("0.0000", CultureInfo.InvariantCulture),
    };

    /// <summary>A count of rows (a whole number, shown without decimals).</summary>
    public static string Count(double value) => double.IsFinite(value) ? value.ToString("0.##", CultureInfo.InvariantCulture) : Number(value);

    public static string Interval(double low, double high) =>
        double.IsNaN(low) ? "—" : $"[{Number(low)}, {Number(high)}]";

    public static string Strategy(CrossValidation.CrossValidationResult cv) =>
        $"{cv.NumberOfFolds}-fold {cv.Strategy switch { CrossValidation.FoldStrategy.Stratified => "stratified", CrossValidation.FoldStrategy.Grouped => "grouped", _ => "k-fold" }}" +
        (cv.Repeats > 1 ? $", {cv.Repeats} repeats" : "") + $", seed {cv.Seed}";

    public static string Task(EvaluationTask task) => task switch
    {
        EvaluationTask.BinaryClassification => "binary classification",
        EvaluationTask.MulticlassClassification => "multiclass classification",
        _ => "regression",
    };

    /// <summary>A file-name-safe stem: letters, digits and dashes.</summary>
    public static string Slug(string name)
    {
        var chars = name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray();
        var slug = string.Join("-", new string(chars).Split('-', StringSplitOptions.RemoveEmptyEntries));
        return slug.Length == 0 ? "model" : slug;
    }
}
