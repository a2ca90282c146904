using MLExt.Data;
using MLExt.Neural;
using MLExt.Samples.SpamPretraining;
using Xunit.Abstractions;

namespace MLExt.Tests.Samples;

/// <summary>The masked-language-model pretraining sample: masking, the pretraining loop, weight transfer, the comparison.</summary>
public sealed class SpamPretrainingTests(ITestOutputHelper output)
{
    private static readonly PretrainingSettings Tiny = new(MaxLength: 16, VocabularySize: 24, EmbeddingDimension: 16, Heads: 2, BatchSize: 16, LearningRate: 0.01f);

    /// <summary>Rows of ids in [2, vocabulary) following a repeating pattern, each with a random run of padding at the end.</summary>
    private static float[] PatternIds(int rows, PretrainingSettings s, int seed)
    {
        var random = new Random(seed);
        var ids = new float[rows * s.MaxLength];
        for (int r = 0; r < rows; r++)
        {
            int length = random.Next(s.MaxLength / 2, s.MaxLength + 1), offset = random.Next(s.VocabularySize);
            for (int t = 0; t < length; t++) ids[r * s.MaxLength + t] = 2 + (offset + t) % (s.VocabularySize - 2);
        }
        return ids;
    }

    [Fact]
    public void Masking_is_seeded_and_chooses_about_15_percent_of_the_real_tokens_only()
    {
        var s = new PretrainingSettings(MaxLength: 128, VocabularySize: 1000);
        var ids = PatternIds(400, s, 3);
        var (inputs, targets) = (new float[ids.Length], new float[ids.Length]);
        var (inputs2, targets2) = (new float[ids.Length], new float[ids.Length]);
        int chosen = TokenMasking.Apply(ids, inputs, targets, s.VocabularySize, s.VocabularySize, new RandomSource(7));
        TokenMasking.Apply(ids, inputs2, targets2, s.VocabularySize, s.VocabularySize, new RandomSource(7));
        Assert.Equal(inputs, inputs2);
        Assert.Equal(targets, targets2);

        int real = ids.Count(id => id != 0), masked = 0, unchanged = 0;
        for (int i = 0; i < ids.Length; i++)
        {
            if (targets[i] == MaskedSoftmaxCrossEntropy.IgnoreIndex) { Assert.Equal(ids[i], inputs[i]); continue; }
            Assert.NotEqual(0f, ids[i]);
            Assert.Equal(ids[i], targets[i]);
            if (inputs[i] == s.VocabularySize) masked++;
            else if (inputs[i] == ids[i]) unchanged++;
            else Assert.InRange(inputs[i], 2f, s.VocabularySize - 1f);
        }
        Assert.Equal(chosen, targets.Count(t => t >= 0));
        // About 38,000 real tokens: the chosen share's standard deviation is 0.002, the mask share's 0.005.
        Assert.InRange(chosen / (double)real, 0.14, 0.16);
        Assert.InRange(masked / (double)chosen, 0.77, 0.83);
        Assert.InRange(unchanged / (double)chosen, 0.08, 0.13);
    }

    [Fact]
    public void Pretraining_lowers_the_masked_token_loss_and_the_classifier_starts_from_the_pretrained_encoder()
    {
        var ids = PatternIds(160, Tiny, 5);
        var mlm = new MaskedLanguageModel(Tiny, new RandomSource(1));
        float before = mlm.Evaluate(ids, seed: 9);
        var optimizer = new AdamOptimizer { LearningRate = Tiny.LearningRate };
        var masking = new RandomSource(2);
        for (int epoch = 0; epoch < 4; epoch++) mlm.TrainEpoch(ids, optimizer, masking);
        float after = mlm.Evaluate(ids, seed: 9);
        output.WriteLine($"masked-token loss {before:0.000} → {after:0.000}");
        Assert.True(after < 0.8f * before, $"The masked-token loss went from {before} to {after}.");

        var comparison = new PretrainingComparison(Tiny, _ => { });
        var classifier = comparison.CreateClassifier(mlm, new RandomSource(3));
        var scratch = comparison.CreateClassifier(null, new RandomSource(3));
        var pretrained = mlm.Network.Parameters.Take(mlm.Network.Layers.Take(mlm.EncoderLayerCount).Sum(l => l.Parameters.Count)).ToList();
        Assert.NotEmpty(pretrained);
        for (int p = 0; p < pretrained.Count; p++)
        {
            Assert.Equal(pretrained[p].Value.Span.ToArray(), classifier.Parameters[p].Value.Span.ToArray());
            Assert.NotEqual(pretrained[p].Value.Span.ToArray(), scratch.Parameters[p].Value.Span.ToArray());
        }
    }

    [Fact]
    public void The_comparison_runs_on_a_few_hundred_mails()
    {
        var mails = SpamMails.Load();
        var settings = new PretrainingSettings(MaxLength: 32, VocabularySize: 500, EmbeddingDimension: 16, Heads: 2, PretrainingEpochs: 1, FineTuningEpochs: 2, LabelledFraction: 0.2);
        var result = new PretrainingComparison(settings, output.WriteLine)
            .Run(SpamMails.Subset(mails.Train, 0.06, 1), SpamMails.Subset(mails.Test, 0.15, 1));
        Assert.True(result.LossAfter < result.LossBefore, $"The masked-token loss went from {result.LossBefore} to {result.LossAfter}.");
        foreach (var score in new[] { result.FineTuned, result.Scratch })
        {
            Assert.InRange(score.Auc, 0, 1);
            Assert.InRange(score.Accuracy, 0, 1);
        }
    }

    [Fact]
    [Trait("Category", "Long")]
    public void The_full_comparison_at_10_percent_of_the_labels_completes()
    {
        var mails = SpamMails.Load();
        var result = new PretrainingComparison(new PretrainingSettings(), output.WriteLine).Run(mails.Train, mails.Test);
        foreach (var score in new[] { result.FineTuned, result.Scratch })
        {
            output.WriteLine($"{score.Model}: F1 {score.F1:0.000}, ROC AUC {score.Auc:0.000}, accuracy {score.Accuracy:0.000}");
            Assert.InRange(score.Auc, 0, 1);
        }
        Assert.True(result.LossAfter < result.LossBefore);
    }
}
