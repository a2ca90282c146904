using MLExt.Evaluation.CrossValidation;

namespace MLExt.Cli.Output;

/// <summary>Prints cross-validated models side by side: mean ± standard deviation and the 95% interval of each metric shown.</summary>
internal static class CrossValidationTable
{
    /// <summary>Writes one row per model with the given metrics (at most five make a readable console table).</summary>
    public static void Write(CliOutput output, string title, IReadOnlyList<(string Name, CrossValidationResult Result)> models, IReadOnlyList<string> metrics)
    {
        var headers = new List<string> { "model" };
        foreach (string metric in metrics)
            headers.AddRange([$"{metric} mean ± sd", "95% interval"]);
        ReportTable.Write(output, title, headers, models.Select(m => (IReadOnlyList<string>)
        [
            m.Name,
            .. metrics.SelectMany(metric =>
            {
                var s = m.Result[metric];
                return new[] { $"{ReportTable.Figure(s.Mean)} ± {ReportTable.Figure(s.StandardDeviation)}", $"{ReportTable.Figure(s.ConfidenceLow)} – {ReportTable.Figure(s.ConfidenceHigh)}" };
            }),
        ]));
    }

    /// <summary>The figures of <paramref name="result"/> for <c>--json</c>: per metric its mean, spread, interval and per-fold values (NaN as null).</summary>
    public static Dictionary<string, object> Figures(CrossValidationResult result) => result.Summary.ToDictionary(s => s.Name, s => (object)new
    {
        Mean = Finite(s.Mean),
        StandardDeviation = Finite(s.StandardDeviation),
        ConfidenceLow = Finite(s.ConfidenceLow),
        ConfidenceHigh = Finite(s.ConfidenceHigh),
        Folds = s.Values.Select(Finite).ToArray(),
        s.Reason,
    });

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;
}
