using System.Text;
using System.Text.Json;
using MLExt.Evaluation;

namespace MLExt.AutoML;

/// <summary>The lines of a study file: one JSON object each, with a <c>type</c> of study, propose, prune, trial or report.</summary>
/// <remarks>Non-finite numbers (a failed trial's NaN loss) are written as null and read back as NaN; parameters keep <see cref="Parameters.ToJson"/>'s exact form.</remarks>
internal static class StudyJson
{
    public static string Header(StudyHeader header) => Line(w =>
    {
        w.WriteString("type", "study");
        w.WriteNumber("version", StudyHeader.Version);
        w.WriteString("task", header.Task.ToString());
        w.WriteString("metric", ExperimentMetrics.Name(header.Metric));
        w.WriteString("tuner", header.Tuner);
        w.WriteNumber("seed", header.Seed);
        w.WriteNumber("minEpochs", header.MinEpochs);
        w.WriteNumber("maxEpochs", header.MaxEpochs);
        w.WriteString("searchSpace", header.SearchSpace);
        if (header.Evaluation is not null)
            w.WriteString("evaluation", header.Evaluation);
        if (header.Data is not null)
            w.WriteString("data", header.Data);
    });

    public static string Event(TunerEvent tunerEvent) => Line(w =>
    {
        switch (tunerEvent)
        {
            case TrialProposedEvent p:
                w.WriteString("type", "propose");
                w.WriteNumber("id", p.Suggestion.Id);
                Number(w, "budget", p.Suggestion.Budget);
                Number(w, "bracket", p.Suggestion.Bracket);
                Number(w, "rung", p.Suggestion.Rung);
                w.WritePropertyName("parameters");
                w.WriteRawValue(p.Suggestion.Parameters.ToJson());
                break;
            case PruneCheckedEvent c:
                w.WriteString("type", "prune");
                w.WriteNumber("id", c.TrialId);
                w.WriteNumber("step", c.Step);
                Number(w, "value", c.Value);
                w.WriteBoolean("pruned", c.Pruned);
                break;
            case TrialReportedEvent r:
                w.WriteString("type", "report");
                w.WriteNumber("id", r.Outcome.Id);
                Number(w, "budget", r.Outcome.Budget);
                Number(w, "loss", r.Outcome.Loss);
                w.WriteString("status", r.Outcome.Status.ToString());
                w.WritePropertyName("parameters");
                w.WriteRawValue(r.Outcome.Parameters.ToJson());
                break;
            default:
                throw new ArgumentException($"Unknown tuner event {tunerEvent.GetType().Name}.", nameof(tunerEvent));
        }
    });

    public static string Trial(TrialRecord record) => Line(w =>
    {
        w.WriteString("type", "trial");
        w.WriteNumber("id", record.Id);
        Number(w, "budget", record.Budget);
        w.WriteNumber("seed", record.Seed);
        w.WriteString("status", record.Status.ToString());
        Number(w, "metric", record.Metric);
        Number(w, "loss", record.Loss);
        w.WriteNumber("epochs", record.EpochsTrained);
        w.WriteNumber("seconds", record.Duration.TotalSeconds);
        if (record.Error is not null)
            w.WriteString("error", record.Error);
        w.WritePropertyName("parameters");
        w.WriteRawValue(record.Parameters.ToJson());
        w.WriteStartArray("intermediate");
        foreach (double v in record.IntermediateScores)
            Number(w, null, v);
        w.WriteEndArray();
        w.WriteStartObject("metrics");
        foreach (var (name, value) in record.Metrics)
            Number(w, name, value);
        w.WriteEndObject();
    });

    /// <summary>What one line holds: the header, a tuner event or a trial record.</summary>
    public static object Parse(string line)
    {
        using var document = JsonDocument.Parse(line);
        var e = document.RootElement;
        string type = e.GetProperty("type").GetString() ?? "";
        switch (type)
        {
            case "study":
                int version = e.GetProperty("version").GetInt32();
                if (version != StudyHeader.Version)
                    throw new JsonException($"study format version {version}; this MLExt reads version {StudyHeader.Version}");
                return new StudyHeader(Enum.Parse<EvaluationTask>(e.GetProperty("task").GetString()!), ExperimentMetrics.Parse(e.GetProperty("metric").GetString()!),
                    e.GetProperty("tuner").GetString()!, e.GetProperty("seed").GetInt32(), e.GetProperty("minEpochs").GetInt32(), e.GetProperty("maxEpochs").GetInt32(),
                    e.GetProperty("searchSpace").GetString()!,
                    e.TryGetProperty("evaluation", out var evaluation) ? evaluation.GetString() : null,
                    e.TryGetProperty("data", out var data) ? data.GetString() : null);
            case "propose":
                return new TrialProposedEvent(new TrialSuggestion(e.GetProperty("id").GetInt32(), ParametersOf(e), Int(e, "budget"))
                {
                    Bracket = Int(e, "bracket"),
                    Rung = Int(e, "rung"),
                });
            case "prune":
                return new PruneCheckedEvent(e.GetProperty("id").GetInt32(), e.GetProperty("step").GetInt32(), Double(e, "value"), e.GetProperty("pruned").GetBoolean());
            case "report":
                return new TrialReportedEvent(new TrialOutcome(e.GetProperty("id").GetInt32(), ParametersOf(e), Int(e, "budget"), Double(e, "loss"),
                    Enum.Parse<TrialStatus>(e.GetProperty("status").GetString()!)));
            case "trial":
                return new TrialRecord
                {
                    Id = e.GetProperty("id").GetInt32(),
                    Parameters = ParametersOf(e),
                    Budget = Int(e, "budget"),
                    Seed = e.GetProperty("seed").GetInt32(),
                    Status = Enum.Parse<TrialStatus>(e.GetProperty("status").GetString()!),
                    Metric = Double(e, "metric"),
                    Loss = Double(e, "loss"),
                    EpochsTrained = e.GetProperty("epochs").GetInt32(),
                    Duration = TimeSpan.FromSeconds(e.GetProperty("seconds").GetDouble()),
                    Error = e.TryGetProperty("error", out var error) ? error.GetString() : null,
                    IntermediateScores = e.GetProperty("intermediate").EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? double.NaN : v.GetDouble()).ToArray(),
                    Metrics = e.GetProperty("metrics").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.Null ? double.NaN : p.Value.GetDouble()),
                };
            default:
                throw new JsonException($"unknown line type '{type}'");
        }
    }

    private static Parameters ParametersOf(JsonElement e) => Parameters.FromJson(e.GetProperty("parameters").GetRawText());

    private static int? Int(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v.GetInt32() : null;

    private static double Double(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v.GetDouble() : double.NaN;

    private static void Number(Utf8JsonWriter w, string? name, double value)
    {
        if (name is not null)
            w.WritePropertyName(name);
        if (double.IsFinite(value))
            w.WriteNumberValue(value);
        else
            w.WriteNullValue();
    }

    private static void Number(Utf8JsonWriter w, string name, int? value)
    {
        if (value is { } v)
            w.WriteNumber(name, v);
    }

    private static string Line(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
