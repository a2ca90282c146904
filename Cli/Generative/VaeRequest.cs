namespace MLExt.Cli.Generative;

/// <summary>A validated <c>mlext vae</c> request.</summary>
internal sealed record VaeRequest(int Latent, int Epochs, bool Convolutional, float LearningRate, int BatchSize, int Seed, string Output, float Subset);
