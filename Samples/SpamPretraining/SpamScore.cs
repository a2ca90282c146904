using Microsoft.ML;
using MLExt.Data;
using MLExt.Neural;

namespace MLExt.Samples.SpamPretraining;

/// <summary>Test figures of one classifier (positive class: spam), from ML.NET's binary evaluator.</summary>
internal sealed record SpamScore(string Model, double F1, double Auc, double Accuracy)
{
    private sealed class Row
    {
        public bool Label { get; set; }
        public float Score { get; set; }
        public float Probability { get; set; }
        public bool PredictedLabel { get; set; }
    }

    /// <summary>Scores <paramref name="network"/> (one logit per mail) on the token ids [n·MaxLength] of <paramref name="mails"/>.</summary>
    public static SpamScore Evaluate(MLContext ml, string model, Network network, float[] ids, IReadOnlyList<SpamMail> mails, PretrainingSettings s)
    {
        var rows = new List<Row>(mails.Count);
        for (int start = 0; start < mails.Count; start += s.BatchSize)
        {
            int n = Math.Min(s.BatchSize, mails.Count - start);
            var logits = network.Forward(new Tensor(ids.AsSpan(start * s.MaxLength, n * s.MaxLength).ToArray(), n, s.MaxLength), training: false);
            for (int i = 0; i < n; i++)
            {
                float p = 1f / (1f + MathF.Exp(-logits[i]));
                rows.Add(new Row { Label = mails[start + i].Label, Score = logits[i], Probability = p, PredictedLabel = p >= 0.5f });
            }
        }
        var m = ml.BinaryClassification.Evaluate(ml.Data.LoadFromEnumerable(rows));
        return new SpamScore(model, m.F1Score, m.AreaUnderRocCurve, m.Accuracy);
    }
}
