namespace MLExt.Samples.SpamPretraining;

/// <summary>The figures of one <see cref="PretrainingComparison"/>.</summary>
/// <param name="LossBefore">Masked-token loss on the training mails (fixed masking) before pretraining.</param>
/// <param name="LossAfter">The same after pretraining.</param>
/// <param name="EpochLosses">Mean training loss of each pretraining epoch.</param>
/// <param name="FineTuned">The pretrained encoder fine-tuned on the labelled fraction.</param>
/// <param name="Scratch">The same classifier trained from scratch on the same labels.</param>
internal sealed record PretrainingResult(float LossBefore, float LossAfter, IReadOnlyList<float> EpochLosses, SpamScore FineTuned, SpamScore Scratch);
