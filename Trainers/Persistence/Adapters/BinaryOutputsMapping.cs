using Microsoft.ML.Transforms;

namespace MLExt.Trainers.Persistence;

/// <summary>
/// The stateless adapter of saved binary classifiers: OnnxTransformer's one-slot <c>Score</c> (logit) and
/// <c>Probability</c> vectors become ML.NET's scalar <c>Score</c>, <c>Probability</c> and Boolean
/// <c>PredictedLabel</c> (logit &gt; 0). Loading needs MLExt's assembly registered (<see cref="MLExtRegistration.RegisterMLExt"/>).
/// </summary>
[CustomMappingFactoryAttribute(ContractName)]
public sealed class BinaryOutputsMapping : CustomMappingFactory<BinaryOnnxOutputs, BinaryOutputs>
{
    /// <summary>The contract name stored in model files.</summary>
    public const string ContractName = "MLExt.BinaryOutputs";

    /// <summary>Score = Score[0], Probability = Probability[0], PredictedLabel = Score &gt; 0.</summary>
    public static void Map(BinaryOnnxOutputs input, BinaryOutputs output)
    {
        output.Score = input.Score[0];
        output.Probability = input.Probability[0];
        output.PredictedLabel = input.Score[0] > 0f;
    }

    /// <inheritdoc/>
    public override Action<BinaryOnnxOutputs, BinaryOutputs> GetMapping() => Map;
}
