using MLExt.Transforms;

namespace MLExt.Samples.SpamPretraining;

/// <summary>Sizes and schedule of the pretraining comparison.</summary>
/// <param name="MaxLength">Token ids per mail (truncated or padded with 0).</param>
/// <param name="VocabularySize">Tokenizer ids (0 padding, 1 unknown); the mask id is <paramref name="VocabularySize"/>.</param>
/// <param name="EmbeddingDimension">Model width.</param>
/// <param name="Heads">Attention heads.</param>
/// <param name="Blocks">Transformer encoder blocks.</param>
/// <param name="BatchSize">Mails per batch.</param>
/// <param name="LearningRate">Adam's rate, pretraining and fine-tuning.</param>
/// <param name="PretrainingEpochs">Masked-token passes over the training mail bodies.</param>
/// <param name="FineTuningEpochs">Classifier epochs on the labelled fraction.</param>
/// <param name="LabelledFraction">Stratified share of the training labels used for fine-tuning.</param>
/// <param name="Seed">Seeds initialisation, masking, shuffling and the labelled subset.</param>
/// <param name="Tokenizer">Words, or a subword tokenizer (its tokens seen in training make the vocabulary).</param>
internal sealed record PretrainingSettings(
    int MaxLength = 128, int VocabularySize = 10_000, int EmbeddingDimension = 64, int Heads = 4, int Blocks = 1,
    int BatchSize = 32, float LearningRate = 0.002f, int PretrainingEpochs = 2, int FineTuningEpochs = 10,
    double LabelledFraction = 0.1, int Seed = 1, TokenizerKind Tokenizer = TokenizerKind.Words);
