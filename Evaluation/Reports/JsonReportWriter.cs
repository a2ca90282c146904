using System.Text;
using System.Text.Json;
using MLExt.Evaluation.Binary;
using MLExt.Evaluation.CrossValidation;
using MLExt.Evaluation.Metrics;
using MLExt.Evaluation.Multiclass;
using MLExt.Evaluation.Regression;

namespace MLExt.Evaluation.Reports;

/// <summary>
/// Renders a report as JSON for other programs: every metric with its reason when undefined, the cross-validation
/// per fold and summarised, and the curves as points. JSON has no NaN or infinity: such numbers are written as null.
/// </summary>
public static class JsonReportWriter
{
    /// <summary>The JSON text of <paramref name="report"/>; <paramref name="plotNames"/> lists the figure files written beside it.</summary>
    public static string Write(EvaluationReport report, IEnumerable<string>? plotNames = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("title", report.Title);
            json.WriteString("task", report.Task.ToString());
            json.WriteString("primaryMetric", report.PrimaryMetric);
            Strings(json, "notes", report.Notes);
            Strings(json, "plots", plotNames ?? []);
            json.WriteStartArray("models");
            foreach (var model in report.Models)
            {
                json.WriteStartObject();
                json.WriteString("name", model.Name);
                json.WritePropertyName("evaluation");
                Evaluation(json, model.Evaluation);
                if (model.CrossValidation is { } cv)
                {
                    json.WritePropertyName("crossValidation");
                    CrossValidation(json, cv);
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void CrossValidation(Utf8JsonWriter json, CrossValidationResult cv)
    {
        json.WriteStartObject();
        json.WriteString("strategy", cv.Strategy.ToString());
        json.WriteNumber("folds", cv.NumberOfFolds);
        json.WriteNumber("repeats", cv.Repeats);
        json.WriteNumber("seed", cv.Seed);
        json.WriteStartArray("summary");
        foreach (var s in cv.Summary)
        {
            json.WriteStartObject();
            json.WriteString("name", s.Name);
            json.WriteBoolean("higherIsBetter", s.HigherIsBetter);
            Number(json, "mean", s.Mean);
            Number(json, "standardDeviation", s.StandardDeviation);
            Number(json, "confidenceLow", s.ConfidenceLow);
            Number(json, "confidenceHigh", s.ConfidenceHigh);
            Numbers(json, "values", s.Values);
            json.WriteString("reason", s.Reason);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("folds");
        foreach (var fold in cv.Folds)
        {
            json.WriteStartObject();
            json.WriteNumber("repeat", fold.Repeat);
            json.WriteNumber("fold", fold.Fold);
            json.WriteNumber("trainingRows", fold.TrainingRows);
            json.WriteNumber("testRows", fold.TestRows);
            json.WriteNumber("seconds", Math.Round(fold.Elapsed.TotalSeconds, 3));
            Metrics(json, fold.Evaluation.Metrics);
            if (fold.LearningCurve is { } curve)
            {
                json.WriteStartObject("learningCurve");
                json.WriteString("metricName", curve.MetricName);
                Points(json, "epochs", curve.Points, (j, p) =>
                {
                    j.WriteNumber("epoch", p.Epoch);
                    Number(j, "trainingLoss", p.TrainingLoss);
                    Number(j, "validationLoss", p.ValidationLoss ?? double.NaN);
                    Number(j, "validationMetric", p.ValidationMetric ?? double.NaN);
                });
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        json.WriteEndArray();
        Strings(json, "warnings", cv.Warnings);
        json.WriteEndObject();
    }

    private static void Evaluation(Utf8JsonWriter json, IEvaluationResult evaluation)
    {
        json.WriteStartObject();
        Metrics(json, evaluation.Metrics);
        Strings(json, "warnings", evaluation.Warnings);
        switch (evaluation)
        {
            case BinaryEvaluation b:
                json.WriteNumber("rows", b.Predictions.Count);
                Number(json, "threshold", b.Threshold);
                json.WriteStartObject("confusion");
                json.WriteNumber("truePositives", b.Confusion.TruePositives);
                json.WriteNumber("falsePositives", b.Confusion.FalsePositives);
                json.WriteNumber("trueNegatives", b.Confusion.TrueNegatives);
                json.WriteNumber("falseNegatives", b.Confusion.FalseNegatives);
                json.WriteEndObject();
                Points(json, "roc", b.Roc.Points, (j, p) => { Number(j, "fpr", p.FalsePositiveRate); Number(j, "tpr", p.TruePositiveRate); Number(j, "threshold", p.Threshold); });
                Points(json, "precisionRecall", b.PrecisionRecall.Points, (j, p) => { Number(j, "recall", p.Recall); Number(j, "precision", p.Precision); Number(j, "threshold", p.Threshold); });
                Points(json, "calibration", b.Calibration.Bins, (j, p) => { Number(j, "lower", p.Lower); Number(j, "upper", p.Upper); j.WriteNumber("count", p.Count); Number(j, "meanPredicted", p.MeanPredicted); Number(j, "fractionPositive", p.FractionPositive); });
                var best = new[] { ("f1", b.Thresholds.BestByF1), ("youdenJ", b.Thresholds.BestByYoudenJ), ("cost", b.Thresholds.Best(ThresholdCriterion.Cost)) };
                json.WriteStartObject("bestThresholds");
                foreach (var (name, point) in best)
                    Number(json, name, point?.Threshold ?? double.NaN);
                json.WriteEndObject();
                break;
            case MulticlassEvaluation m:
                json.WriteNumber("rows", m.Predictions.Count);
                Points(json, "classes", m.Classes, (j, c) =>
                {
                    j.WriteString("name", c.Name);
                    Number(j, "precision", c.Precision);
                    Number(j, "recall", c.Recall);
                    Number(j, "f1", c.F1);
                    j.WriteNumber("support", c.Support);
                    Number(j, "auc", c.Auc);
                    Number(j, "logLossNats", c.LogLoss);
                });
                json.WriteStartArray("confusionMatrix");
                foreach (var row in m.ConfusionMatrix.Counts)
                    Numbers(json, null, row);
                json.WriteEndArray();
                Numbers(json, "topKAccuracy", m.TopKAccuracy);
                break;
            case RegressionEvaluation r:
                json.WriteNumber("rows", r.Predictions.Count);
                break;
        }
        json.WriteEndObject();
    }

    private static void Metrics(Utf8JsonWriter json, IReadOnlyList<MetricValue> metrics)
    {
        Points(json, "metrics", metrics, (j, m) =>
        {
            j.WriteString("name", m.Name);
            Number(j, "value", m.Value);
            j.WriteBoolean("higherIsBetter", m.HigherIsBetter);
            j.WriteString("reason", m.Reason);
        });
    }

    private static void Points<T>(Utf8JsonWriter json, string name, IEnumerable<T> items, Action<Utf8JsonWriter, T> write)
    {
        json.WriteStartArray(name);
        foreach (var item in items)
        {
            json.WriteStartObject();
            write(json, item);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void Number(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value))
            json.WriteNumber(name, value);
        else
            json.WriteNull(name);
    }

    private static void Numbers(Utf8JsonWriter json, string? name, IEnumerable<double> values)
    {
        if (name is null)
            json.WriteStartArray();
        else
            json.WriteStartArray(name);
        foreach (double v in values)
        {
            if (double.IsFinite(v))
                json.WriteNumberValue(v);
            else
                json.WriteNullValue();
        }
        json.WriteEndArray();
    }

    private static void Strings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var v in values)
            json.WriteStringValue(v);
        json.WriteEndArray();
    }
}
