using MLExt.Neural;

namespace MLExt.Cli.Demo;

/// <summary>What the demo measured.</summary>
/// <param name="TrainRows">Images in the training split.</param>
/// <param name="TestRows">Images in the test split.</param>
/// <param name="MlpHistory">The MLP's per-epoch record.</param>
/// <param name="Models">The comparison, MLP first.</param>
internal sealed record DemoResult(int TrainRows, int TestRows, TrainingHistory MlpHistory, IReadOnlyList<ModelScore> Models);
