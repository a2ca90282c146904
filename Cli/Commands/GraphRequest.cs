using MLExt.Neural;

namespace MLExt.Cli.Commands;

/// <summary>A validated <c>mlext graph</c> run.</summary>
internal sealed record GraphRequest(string NodesPath, string EdgesPath, string Label, string? Split, string IdColumn, bool Directed,
    NodeNetworkKind Network, int Hidden, float Dropout, int Epochs, float LearningRate, int TrainPerClass, int[]? FanOuts, int BatchSize,
    int Seed);
