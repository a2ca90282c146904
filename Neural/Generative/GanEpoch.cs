namespace MLExt.Neural;

/// <summary>One finished epoch of GAN training: its number (from 1), the two losses averaged over its steps, and its
/// duration.</summary>
public sealed record GanEpoch(int Epoch, double DiscriminatorLoss, double GeneratorLoss, TimeSpan Elapsed);
