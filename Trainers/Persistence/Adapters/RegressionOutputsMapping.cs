using Microsoft.ML.Transforms;

namespace MLExt.Trainers.Persistence;

/// <summary>
/// The stateless adapter of saved regression models: OnnxTransformer's one-slot <c>Score</c> vector becomes
/// ML.NET's scalar <c>Score</c>. Loading a model that uses it needs MLExt's assembly registered
/// (<see cref="MLExtRegistration.RegisterMLExt"/>).
/// </summary>
[CustomMappingFactoryAttribute(ContractName)]
public sealed class RegressionOutputsMapping : CustomMappingFactory<VectorScore, ScalarScore>
{
    /// <summary>The contract name stored in model files.</summary>
    public const string ContractName = "MLExt.RegressionOutputs";

    /// <summary>Score = Score[0].</summary>
    public static void Map(VectorScore input, ScalarScore output) => output.Score = input.Score[0];

    /// <inheritdoc/>
    public override Action<VectorScore, ScalarScore> GetMapping() => Map;
}
