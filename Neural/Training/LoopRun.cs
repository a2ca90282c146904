namespace MLExt.Neural;

/// <summary>
/// What one <see cref="TrainingLoop"/> run trains: the graph and its objective, the settings, the shuffling
/// generator, the step, and how checkpoints describe the model (a network's layer list, or the graph's nodes).
/// </summary>
internal sealed record LoopRun(ModelGraph Graph, GraphObjective Objective, TrainingOptions Options, RandomSource Random, TrainingStep Step,
    bool BuiltIn, IReadOnlyList<string> Architecture, bool Sequential);
