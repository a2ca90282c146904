using System.Text;
using System.Text.Json;
using MLExt.Evaluation.Plots;
using MLExt.Evaluation.Reports;

namespace MLExt.AutoML;

/// <summary>Writes a study's report into a directory: report.md, report.html, report.json and plots/NAME.png and .svg.</summary>
public static class StudyReportWriter
{
    /// <summary>Builds the report of <paramref name="result"/> and writes every file into <paramref name="directory"/> (created if needed).</summary>
    /// <returns>The paths written, report files first.</returns>
    public static IReadOnlyList<string> WriteAll(ExperimentResult result, string directory, IReadOnlyList<string>? notes = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var report = StudyReport.Build(result, notes);
        return ReportWriter.WriteFiles(directory, MarkdownReportWriter.Write(report.Sections, report.Plots),
            HtmlReportWriter.Write(report.Title, report.Sections, report.Plots), Json(result, report), report.Plots);
    }

    /// <summary>
    /// The JSON report: settings, stop reason, the best trial, every trial (as in the study file: parameters, budget, intermediate scores,
    /// metric, status, error, duration), completed trials ranked, and parameter importance. NaN is written as null.
    /// </summary>
    public static string Json(ExperimentResult result, StudyReport report)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(report);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("title", report.Title);
            json.WriteString("task", result.Task.ToString());
            json.WriteString("metric", ExperimentMetrics.Name(result.Metric));
            json.WriteBoolean("higherIsBetter", ExperimentMetrics.HigherIsBetter(result.Metric));
            json.WriteString("tuner", result.Tuner);
            json.WriteString("stopReason", result.StopReason.ToString());
            json.WriteNumber("totalEpochs", result.TotalEpochs);
            json.WriteNumber("seconds", result.Elapsed.TotalSeconds);
            json.WriteString("searchSpace", result.SearchSpace.ToString());
            json.WritePropertyName("best");
            if (result.Best is { } best)
                json.WriteRawValue(StudyJson.Trial(best));
            else
                json.WriteNullValue();
            json.WriteStartArray("ranking");
            foreach (var t in StudyReport.Ranked(result))
                json.WriteNumberValue(t.Id);
            json.WriteEndArray();
            json.WriteStartArray("trials");
            foreach (var t in result.Trials)
                json.WriteRawValue(StudyJson.Trial(t));
            json.WriteEndArray();
            json.WriteStartArray("importance");
            foreach (var v in report.Importance)
            {
                json.WriteStartObject();
                json.WriteString("parameter", v.Parameter);
                json.WriteNumber("share", v.Share);
                json.WriteNumber("rmseIncrease", v.RmseIncrease);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("plots");
            foreach (var p in report.Plots)
                json.WriteStringValue($"plots/{p.Name}.png");
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
