namespace MLExt.Cli.Demo;

/// <summary>The demo's options, validated.</summary>
/// <param name="Epochs">Most epochs for the MLP.</param>
/// <param name="BatchSize">The MLP's batch size.</param>
/// <param name="LearningRate">The MLP's Adam learning rate.</param>
/// <param name="Seed">Seed of the MLP (initialisation, shuffling, dropout, validation split) and of the ML.NET trainers.</param>
internal sealed record DemoSettings(int Epochs, int BatchSize, float LearningRate, int Seed);
