using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLExt.Data;
using MLExt.Cli.Training;
using MLExt.Neural;
using MLExt.Trainers;
using MLExt.Transforms;

namespace MLExt.Cli.Text;

/// <summary>
/// Spam detection on mails (<see cref="SpamMail"/>: Boolean <c>Label</c>, true for spam, and <c>Text</c>): ML.NET's
/// bag-of-words baseline (<c>FeaturizeText</c> + <c>SdcaLogisticRegression</c>) and MLExt's sequence networks on token
/// ids (<c>TokenizeToIds</c> → embedding → LSTM/GRU/Transformer), each fitted on the training mails and evaluated on
/// the test mails with ML.NET's binary evaluator (positive class: spam).
/// </summary>
internal sealed class SpamExperiment
{
    private const string Label = "Label", Text = "Text", Tokens = "Tokens", Features = "Features";
    private readonly MLContext _ml;
    private readonly IDataView _train, _test;

    /// <summary>Holds the mails as data views; <paramref name="seed"/> seeds the ML.NET context (SDCA's shuffling).</summary>
    public SpamExperiment(IReadOnlyList<SpamMail> train, IReadOnlyList<SpamMail> test, int seed)
    {
        _ml = new MLContext(seed: seed);
        _train = SpamMails.ToDataView(_ml, train);
        _test = SpamMails.ToDataView(_ml, test);
        TrainRows = train.Count;
        TestRows = test.Count;
        TrainSpam = train.Count(m => m.Label);
        TestSpam = test.Count(m => m.Label);
    }

    /// <summary>Training mails.</summary>
    public int TrainRows { get; }

    /// <summary>Test mails.</summary>
    public int TestRows { get; }

    /// <summary>Spam among the training mails.</summary>
    public int TrainSpam { get; }

    /// <summary>Spam among the test mails.</summary>
    public int TestSpam { get; }

    /// <summary>The display name of the baseline.</summary>
    public const string BagOfWordsName = "ML.NET FeaturizeText + SdcaLogisticRegression";

    /// <summary>ML.NET's bag of words (word 1–2-grams and character 1–3-grams, L2-normalised) and SDCA logistic regression.</summary>
    public BinaryModelScore TrainBagOfWords() => Score(BagOfWordsName,
        _ml.Transforms.Text.FeaturizeText(Features, Text).Append(_ml.BinaryClassification.Trainers.SdcaLogisticRegression(Label, Features))).Score;

    /// <summary>An MLExt sequence network on token ids; returns its score and the fitted pipeline (tokenizer, network).</summary>
    public (BinaryModelScore Score, TransformerChain<ITransformer> Model) TrainNetwork(TextNetworkKind kind, TextSettings text, NetworkSettings network, IProgress<TrainingProgress>? progress)
    {
        var options = network.Apply(new NeuralNetworkBinaryTrainer.Options(), progress);
        options.FeatureColumnName = Tokens;
        options.LabelColumnName = Label;
        options.GradientClipNorm = 5f;
        var pipeline = _ml.Transforms.Text.TokenizeToIds(text.TokenIds(Tokens, Text))
            .Append<ITransformer>(_ml.BinaryClassification.Trainers.NeuralNetwork(options));
        return Score(TextNetworks.Name(kind), pipeline);
    }

    private (BinaryModelScore Score, TransformerChain<ITransformer> Model) Score<T>(string name, IEstimator<TransformerChain<T>> pipeline) where T : class, ITransformer
    {
        var clock = Stopwatch.StartNew();
        var model = pipeline.Fit(_train);
        double seconds = clock.Elapsed.TotalSeconds;
        var m = _ml.BinaryClassification.Evaluate(model.Transform(_test), Label);
        var score = new BinaryModelScore(name, m.PositivePrecision, m.PositiveRecall, m.F1Score, m.AreaUnderRocCurve, m.Accuracy, seconds);
        return (score, new TransformerChain<ITransformer>([.. model]));
    }
}
