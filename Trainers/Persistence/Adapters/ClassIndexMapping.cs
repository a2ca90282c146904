using Microsoft.ML.Transforms;

namespace MLExt.Trainers.Persistence;

/// <summary>
/// The stateless adapter of saved multiclass classifiers: OnnxTransformer's one-slot <c>PredictedLabel</c>
/// vector (the class index, int64) becomes a scalar index, which ML.NET's built-in value mapping then turns
/// into the label's key type. Loading needs MLExt's assembly registered (<see cref="MLExtRegistration.RegisterMLExt"/>).
/// </summary>
[CustomMappingFactoryAttribute(ContractName)]
public sealed class ClassIndexMapping : CustomMappingFactory<OnnxClassIndex, ClassIndex>
{
    /// <summary>The contract name stored in model files.</summary>
    public const string ContractName = "MLExt.ClassIndex";

    /// <summary>PredictedLabel = (uint)PredictedLabel[0].</summary>
    public static void Map(OnnxClassIndex input, ClassIndex output) => output.PredictedLabel = checked((uint)input.PredictedLabel[0]);

    /// <inheritdoc/>
    public override Action<OnnxClassIndex, ClassIndex> GetMapping() => Map;
}
