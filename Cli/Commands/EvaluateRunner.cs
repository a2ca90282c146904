using System.Globalization;
using MLExt.Cli.Data;
using MLExt.Cli.Output;
using MLExt.Cli.Training;
using MLExt.Evaluation;
using MLExt.Evaluation.Binary;
using MLExt.Evaluation.Multiclass;
using MLExt.Evaluation.Regression;
using MLExt.Evaluation.Reports;
using ReportTable = MLExt.Cli.Output.ReportTable;

namespace MLExt.Cli.Commands;

/// <summary>The body of <c>mlext evaluate</c>: read labels and predictions from a file, evaluate, print, write the report.</summary>
internal static class EvaluateRunner
{
    // How far from 1 a row's multiclass probabilities may sum (float rounding of softmax outputs) before a warning.
    private const double ProbabilitySumTolerance = 1e-3;

    /// <summary>Runs a parsed request; returns the exit code.</summary>
    public static int Run(EvaluateRequest request, CliOutput output)
    {
        OptionRules.InputFile("--data", request.DataPath);
        var file = DelimitedFile.Profile(request.DataPath);
        var label = file.Find(request.Label) ?? throw new UserException($"--label: no column '{request.Label}' in {file.Path} (columns: {file.ColumnNames})");
        if (request.Scores.Count == 0)
            throw new UserException("--score: name the prediction column (several, comma-separated, for multiclass)");
        var scores = request.Scores.Select(s => Numeric("--score", file.Find(s) ?? throw new UserException($"--score: no column '{s}' in {file.Path} (columns: {file.ColumnNames})"))).ToArray();
        var probability = request.Probability is null ? null
            : Numeric("--probability", file.Find(request.Probability) ?? throw new UserException($"--probability: no column '{request.Probability}' in {file.Path} (columns: {file.ColumnNames})"));
        var task = request.Task ?? Infer(label, scores, probability);
        if (task == TaskKind.Multiclass ? scores.Length < 2 : scores.Length != 1)
            throw new UserException(task == TaskKind.Multiclass
                ? $"--score: a multiclass evaluation needs one probability column per class (at least 2), got {scores.Length}"
                : $"--score: a {task.ToString().ToLowerInvariant()} evaluation reads one prediction column, got {scores.Length}");
        if (probability is not null && task != TaskKind.Binary)
            throw new UserException("--probability applies to binary evaluation only");

        var warnings = new List<string>();
        var columns = new List<ColumnProfile> { label };
        columns.AddRange(scores);
        if (probability is not null)
            columns.Add(probability);
        var (values, lines) = ScoredFile.Read(file, columns);
        IEvaluationResult evaluation = task switch
        {
            TaskKind.Binary => Binary(label, scores[0], probability, values, lines, request.Threshold, warnings, output),
            TaskKind.Multiclass => Multiclass(scores, values, lines, warnings),
            _ => Regression(label, scores[0], values, lines, warnings),
        };

        string model = string.Join(", ", scores.Select(s => s.Name));
        output.Line($"Data: {file.Path}, {file.Rows:N0} rows; label '{label.Name}', {task.ToString().ToLowerInvariant()}; predictions '{model}'.");
        foreach (var warning in warnings.Concat(evaluation.Warnings))
            output.Line($"Warning: {warning}");
        output.Line();
        ReportTable.Write(output, "Metrics:", ["metric", "value", "note"], evaluation.Metrics.Select(m => (IReadOnlyList<string>)[m.Name, ReportTable.Figure(m.Value), m.Reason ?? ""]));
        var report = EvaluationReport.FromEvaluation($"Evaluation: {Path.GetFileName(file.Path)}", model, evaluation,
            [$"Data: {file.Path}, {file.Rows} rows, label '{label.Name}'.", .. warnings]);
        var written = ReportWriter.WriteAll(report, request.ReportDirectory);
        output.Line($"Report: {Path.Combine(request.ReportDirectory, "report.html")} (also report.md, report.json and {(written.Count - 3) / 2} plots as PNG and SVG).");
        output.FinalJson(new
        {
            Command = "evaluate",
            Task = task.ToString().ToLowerInvariant(),
            Data = new { file.Path, file.Rows },
            Metrics = evaluation.Metrics.ToDictionary(m => m.Name, m => new { Value = double.IsFinite(m.Value) ? m.Value : (double?)null, m.Reason }),
            Warnings = warnings.Concat(evaluation.Warnings).ToList(),
            Report = new { Directory = request.ReportDirectory, Files = written.Select(p => Path.GetRelativePath(request.ReportDirectory, p)).ToList() },
        });
        return 0;
    }

    private static TaskKind Infer(ColumnProfile label, ColumnProfile[] scores, ColumnProfile? probability)
    {
        if (scores.Length > 1)
            return TaskKind.Multiclass;
        if (probability is not null || (!label.TooManyDistinct && label.Distinct.Count == 2))
            return TaskKind.Binary;
        if (label.IsNumeric)
            return TaskKind.Regression;
        throw new UserException($"--task: cannot tell the task from label '{label.Name}' ({(label.TooManyDistinct ? "many" : label.Distinct.Count.ToString(CultureInfo.InvariantCulture))} distinct text values) and one --score column; give --task");
    }

    private static BinaryEvaluation Binary(ColumnProfile label, ColumnProfile score, ColumnProfile? probability, string[][] values, int[] lines,
        double? threshold, List<string> warnings, CliOutput output)
    {
        var classes = BinaryLabel.From(label);
        var rows = Enumerable.Range(0, values.Length).Where(r => !ColumnProfile.IsMissing(values[r][0])).ToArray();
        if (rows.Length < values.Length)
            Skipped(values.Length - rows.Length, $"no label in column '{label.Name}'",
                lines[Array.FindIndex(values, v => ColumnProfile.IsMissing(v[0]))], warnings);
        rows = KeepFinite(rows, 1, "--score", score, values, lines, warnings);
        if (probability is not null)
            rows = KeepFinite(rows, 2, "--probability", probability, values, lines, warnings);
        var predictions = new BinaryPredictions(
            rows.Select(r => classes.Map[values[r][0]]).ToArray(),
            rows.Select(r => Number(values[r][1])).ToArray(),
            probability is not null ? rows.Select(r => Number(values[r][2])).ToArray() : []);
        double cut = threshold ?? (predictions.Scores.All(s => s is >= 0 and <= 1) ? 0.5 : 0);
        output.Line($"Classes: '{classes.Positive}' positive, '{classes.Negative}' negative; predicted positive when the score is greater than {cut.ToString(CultureInfo.InvariantCulture)}.");
        return BinaryEvaluator.Evaluate(predictions, new BinaryEvaluationOptions { Threshold = cut });
    }

    private static MulticlassEvaluation Multiclass(ColumnProfile[] scoreColumns, string[][] values, int[] lines, List<string> warnings)
    {
        string[] classes = scoreColumns.Select(s => s.Name).ToArray();
        var labels = new List<int>();
        var scores = new List<double[]>();
        int missing = 0, firstMissing = 0, badScores = 0, firstBad = 0, notOne = 0, firstNotOne = 0;
        double firstSum = 0;
        for (int r = 0; r < values.Length; r++)
        {
            string value = values[r][0];
            if (ColumnProfile.IsMissing(value))
            {
                if (missing++ == 0) firstMissing = lines[r];
                continue;
            }
            int index = Array.IndexOf(classes, value);
            if (index < 0)
                index = Array.FindIndex(classes, c => string.Equals(c, value, StringComparison.OrdinalIgnoreCase));
            if (index < 0 && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int number) && number < classes.Length)
                index = number;
            if (index < 0)
                throw new UserException($"--label: line {lines[r]} holds '{value}', which names no --score column (classes: {string.Join(", ", classes)}); name each probability column after its class");
            var row = values[r].Skip(1).Select(Number).ToArray();
            if (!row.All(double.IsFinite))
            {
                if (badScores++ == 0) firstBad = lines[r];
                continue;
            }
            double sum = row.Sum();
            if (Math.Abs(sum - 1) > ProbabilitySumTolerance && notOne++ == 0)
                (firstNotOne, firstSum) = (lines[r], sum);
            labels.Add(index);
            scores.Add(row);
        }
        Skipped(missing, "no label", firstMissing, warnings);
        Skipped(badScores, "a missing or non-finite value in a --score column", firstBad, warnings);
        if (labels.Count == 0)
            throw new UserException($"--score: no row has a label and a finite number in every column of {string.Join(", ", classes)} " +
                $"({values.Length} row(s){(firstBad > 0 ? $", first without on line {firstBad}" : "")}); nothing to evaluate");
        if (notOne > 0)
            warnings.Add($"the --score columns ({string.Join(", ", classes)}) do not sum to 1 on {notOne} of {labels.Count} row(s) " +
                $"(first on line {firstNotOne}: {firstSum.ToString("0.####", CultureInfo.InvariantCulture)}); log loss reads each class's " +
                "value as its probability, so it means little unless they are probabilities.");
        return MulticlassEvaluator.Evaluate(new MulticlassPredictions(labels.ToArray(), scores.ToArray(), classes));
    }

    private static RegressionEvaluation Regression(ColumnProfile label, ColumnProfile score, string[][] values, int[] lines, List<string> warnings)
    {
        Numeric("--label", label);
        var rows = KeepFinite(Enumerable.Range(0, values.Length).ToArray(), 0, "--label", label, values, lines, warnings);
        rows = KeepFinite(rows, 1, "--score", score, values, lines, warnings);
        return RegressionEvaluator.Evaluate(new RegressionPredictions(
            rows.Select(r => Number(values[r][0])).ToArray(), rows.Select(r => Number(values[r][1])).ToArray()));
    }

    // The rows whose value at field is a finite number; the others are left out with a warning naming the option and column,
    // and a column with no finite number at all is an error rather than an evaluation of no rows.
    private static int[] KeepFinite(int[] rows, int field, string option, ColumnProfile column, string[][] values, int[] lines, List<string> warnings)
    {
        var kept = rows.Where(r => double.IsFinite(Number(values[r][field]))).ToArray();
        if (kept.Length == rows.Length)
            return kept;
        int first = rows.First(r => !double.IsFinite(Number(values[r][field])));
        if (kept.Length == 0)
            throw new UserException($"{option}: column '{column.Name}' holds no finite number on any of the {rows.Length} row(s) to evaluate " +
                $"(line {lines[first]}: '{values[first][field]}'); nothing to evaluate");
        Skipped(rows.Length - kept.Length, $"a missing or non-finite value in {option} column '{column.Name}'", lines[first], warnings);
        return kept;
    }

    private static ColumnProfile Numeric(string option, ColumnProfile column) => column.Values == 0 || column.BadCells < column.Values ? column
        : throw new UserException($"{option}: column '{column.Name}' must hold numbers, but line {column.FirstNonNumericLine} holds '{column.FirstNonNumeric}'");

    private static double Number(string value) =>
        ColumnProfile.TryParseNumber(value, out float number) ? number : double.NaN;

    private static void Skipped(int count, string what, int firstLine, List<string> warnings)
    {
        if (count > 0)
            warnings.Add($"{count} row(s) with {what} were left out (first on line {firstLine}).");
    }
}
