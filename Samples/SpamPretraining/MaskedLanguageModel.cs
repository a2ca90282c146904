using MLExt.Neural;

namespace MLExt.Samples.SpamPretraining;

/// <summary>
/// A small Transformer encoder (embedding with padding id 0 → sinusoidal positions → encoder blocks) pretrained as
/// a masked language model: a position-wise Dense(vocabulary) head predicts the original id at the masked positions
/// (<see cref="TokenMasking"/>), loss <see cref="MaskedSoftmaxCrossEntropy"/>, Adam, gradient norm clipped at 5.
/// </summary>
internal sealed class MaskedLanguageModel
{
    private readonly PretrainingSettings _settings;

    /// <summary>Builds encoder + head for token ids [MaxLength]; the embedding has one extra row, the mask id.</summary>
    public MaskedLanguageModel(PretrainingSettings settings, RandomSource random)
    {
        _settings = settings;
        Network = new Network([.. CreateEncoder(settings), Layer.Dense(settings.VocabularySize)]);
        Network.Build([settings.MaxLength], random);
    }

    /// <summary>Encoder and head.</summary>
    public Network Network { get; }

    /// <summary>The reserved [MASK] id: one past the tokenizer's ids.</summary>
    public int MaskId => _settings.VocabularySize;

    /// <summary>Number of encoder layers at the front of <see cref="Network"/> (all but the head).</summary>
    public int EncoderLayerCount => Network.Layers.Count - 1;

    /// <summary>Fresh encoder layers: embedding (vocabulary + mask id), positions, <see cref="PretrainingSettings.Blocks"/> encoder blocks.</summary>
    public static List<Layer> CreateEncoder(PretrainingSettings s)
    {
        var layers = new List<Layer> { Layer.Embedding(s.VocabularySize + 1, s.EmbeddingDimension, paddingIndex: 0), Layer.SinusoidalPositionalEncoding(s.MaxLength) };
        for (int b = 0; b < s.Blocks; b++) layers.Add(Layer.TransformerEncoder(s.EmbeddingDimension, s.Heads, 2 * s.EmbeddingDimension, dropout: 0.1f));
        return layers;
    }

    /// <summary>The mean masked-token loss over <paramref name="ids"/> [n·MaxLength] with a fixed masking (seed), in inference mode.</summary>
    public float Evaluate(float[] ids, int seed)
    {
        var (inputs, targets) = MaskAll(ids, new RandomSource(seed));
        var loss = new MaskedSoftmaxCrossEntropy();
        int n = ids.Length / _settings.MaxLength, batch = _settings.BatchSize;
        double sum = 0;
        int batches = 0;
        for (int start = 0; start < n; start += batch, batches++)
        {
            var (x, y) = Slice(inputs, targets, start, Math.Min(batch, n - start));
            sum += loss.Forward(Network.Forward(x, training: false), y);
        }
        return (float)(sum / batches);
    }

    /// <summary>
    /// One pass of masked-token training over shuffled batches of <paramref name="ids"/>, masking drawn afresh from
    /// <paramref name="random"/>; returns each batch's loss.
    /// </summary>
    public List<float> TrainEpoch(float[] ids, Optimizer optimizer, RandomSource random, int? maxBatches = null)
    {
        var loss = new MaskedSoftmaxCrossEntropy();
        int time = _settings.MaxLength, n = ids.Length / time, batch = _settings.BatchSize;
        var order = Enumerable.Range(0, n).ToArray();
        for (int i = n - 1; i > 0; i--) { int j = random.NextInt(i + 1); (order[i], order[j]) = (order[j], order[i]); }
        var losses = new List<float>();
        for (int start = 0; start < n && (maxBatches is null || losses.Count < maxBatches); start += batch)
        {
            int rows = Math.Min(batch, n - start);
            var x = new Tensor(rows, time);
            var y = new Tensor(rows, time);
            for (int r = 0; r < rows; r++)
                TokenMasking.Apply(ids.AsSpan(order[start + r] * time, time), x.Row(r), y.Row(r), MaskId, _settings.VocabularySize, random);
            Network.ZeroGradients();
            float value = loss.Forward(Network.Forward(x, training: true), y);
            if (!float.IsFinite(value)) throw new TrainingDivergedException($"The masked-token loss became {value} at batch {losses.Count + 1}.");
            Network.BackwardParametersOnly(loss.Backward());
            GradientClipping.ClipByGlobalNorm(Network.Parameters, 5f);
            optimizer.Step(Network.Parameters);
            losses.Add(value);
        }
        return losses;
    }

    /// <summary>
    /// Copies the pretrained encoder's parameters and states (in layer order) into the first
    /// <see cref="EncoderLayerCount"/> layers of the built <paramref name="classifier"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The classifier's front layers do not have the encoder's weight shapes.</exception>
    public void TransferEncoder(Network classifier)
    {
        for (int l = 0; l < EncoderLayerCount; l++)
        {
            var from = Network.Layers[l].Parameters.Concat(Network.Layers[l].States).ToList();
            var to = classifier.Layers[l].Parameters.Concat(classifier.Layers[l].States).ToList();
            if (from.Count != to.Count || from.Zip(to).Any(p => !Tensor.SameShape(p.First.Value.Shape, p.Second.Value.Shape)))
                throw new ArgumentException($"Layer {l} of the classifier ({classifier.Layers[l].TypeName}) does not have the weights of the pretrained {Network.Layers[l].TypeName}.", nameof(classifier));
            foreach (var (source, target) in from.Zip(to)) source.Value.CopyTo(target.Value);
        }
    }

    private (float[] Inputs, float[] Targets) MaskAll(float[] ids, RandomSource random)
    {
        var inputs = new float[ids.Length];
        var targets = new float[ids.Length];
        TokenMasking.Apply(ids, inputs, targets, MaskId, _settings.VocabularySize, random);
        return (inputs, targets);
    }

    private (Tensor X, Tensor Y) Slice(float[] inputs, float[] targets, int start, int rows)
    {
        int time = _settings.MaxLength;
        return (new Tensor(inputs.AsSpan(start * time, rows * time).ToArray(), rows, time), new Tensor(targets.AsSpan(start * time, rows * time).ToArray(), rows, time));
    }
}
