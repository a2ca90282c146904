using Microsoft.ML;
using MLExt.Data;
using MLExt.Neural;
using MLExt.Transforms;

namespace MLExt.Samples.SpamPretraining;

/// <summary>
/// Does masked-token pretraining help spam detection with few labels? Tokenizes the mails (<c>TokenizeToIds</c>
/// fitted on the training mails), pretrains <see cref="MaskedLanguageModel"/> on all training mails without labels,
/// then fine-tunes encoder + masked mean pooling + Dense(1) on a stratified <see cref="PretrainingSettings.LabelledFraction"/>
/// of the training labels, next to the same classifier from scratch on the same labels; both are scored on the
/// whole test split with ML.NET's binary evaluator.
/// </summary>
internal sealed class PretrainingComparison
{
    private readonly PretrainingSettings _settings;
    private readonly Action<string> _log;

    /// <summary>Prepares a comparison; <paramref name="log"/> receives progress lines.</summary>
    public PretrainingComparison(PretrainingSettings settings, Action<string> log)
    {
        _settings = settings;
        _log = log;
    }

    /// <summary>Runs pretraining, fine-tuning and the from-scratch baseline on the given mails.</summary>
    public PretrainingResult Run(IReadOnlyList<SpamMail> train, IReadOnlyList<SpamMail> test)
    {
        var s = _settings;
        var ml = new MLContext(seed: s.Seed);
        var tokenizer = ml.Transforms.Text.TokenizeToIds(new TokenIdsOptions
        {
            OutputColumnName = "Tokens", InputColumnName = "Text", MaximumLength = s.MaxLength, MaximumVocabularySize = s.VocabularySize, MinimumCount = 2,
            Tokenizer = s.Tokenizer,
        }).Fit(SpamMails.ToDataView(ml, train));
        float[] Ids(IEnumerable<SpamMail> mails) => mails.SelectMany(m => tokenizer.Encode(m.Text)).ToArray();
        var trainIds = Ids(train);
        var labelled = SpamMails.Subset(train, s.LabelledFraction, s.Seed);
        _log($"{train.Count:N0} training mails for pretraining, {labelled.Count:N0} labelled ({labelled.Count(m => m.Label):N0} spam) for fine-tuning, {test.Count:N0} test mails.");

        var random = new RandomSource(s.Seed);
        var mlm = new MaskedLanguageModel(s, random.Fork());
        float before = mlm.Evaluate(trainIds, s.Seed);
        var optimizer = new AdamOptimizer { LearningRate = s.LearningRate };
        var masking = random.Fork();
        var epochLosses = new List<float>();
        for (int epoch = 0; epoch < s.PretrainingEpochs; epoch++)
        {
            var losses = mlm.TrainEpoch(trainIds, optimizer, masking);
            epochLosses.Add(losses.Average());
            _log($"Pretraining epoch {epoch + 1}/{s.PretrainingEpochs}: mean masked-token loss {losses.Average():0.000}.");
        }
        float after = mlm.Evaluate(trainIds, s.Seed);
        _log($"Masked-token loss on the training mails (fixed masking): {before:0.000} before, {after:0.000} after pretraining.");

        var labelledSet = new TrainingSet(Ids(labelled), [s.MaxLength], labelled.Select(m => m.Label ? 1f : 0f).ToArray(), 1);
        var testIds = Ids(test);
        var fineTuned = FitClassifier(labelledSet, mlm, random.Fork());
        var scratch = FitClassifier(labelledSet, null, random.Fork());
        return new PretrainingResult(before, after, epochLosses,
            SpamScore.Evaluate(ml, "pretrained + fine-tuned", fineTuned, testIds, test, s),
            SpamScore.Evaluate(ml, "from scratch", scratch, testIds, test, s));
    }

    /// <summary>The classifier: encoder layers, masked mean pooling, Dense(1) logit; encoder weights from <paramref name="pretrained"/> when given.</summary>
    internal Network CreateClassifier(MaskedLanguageModel? pretrained, RandomSource random)
    {
        var network = new Network([.. MaskedLanguageModel.CreateEncoder(_settings), Layer.TemporalMeanPooling(), Layer.Dense(1)]);
        network.Build([_settings.MaxLength], random);
        pretrained?.TransferEncoder(network);
        return network;
    }

    private Network FitClassifier(TrainingSet labelled, MaskedLanguageModel? pretrained, RandomSource random)
    {
        var network = CreateClassifier(pretrained, random.Fork());
        TrainingLoop.Fit(network, labelled, null, new TrainingOptions
        {
            NumberOfEpochs = _settings.FineTuningEpochs, BatchSize = _settings.BatchSize, GradientClipNorm = 5f,
            Optimizer = new AdamOptimizer { LearningRate = _settings.LearningRate }, Loss = new BinaryCrossEntropyWithLogits(),
        }, random);
        return network;
    }
}
