using Microsoft.ML.Transforms;

namespace MLExt.Transforms.Persistence;

/// <summary>Normalised text to cl100k_base token ids (see <see cref="SubwordIdsMapping"/>). Infrastructure of saved models.</summary>
[CustomMappingFactoryAttribute(Contract)]
public sealed class Cl100kIdsMapping : SubwordIdsMapping
{
    /// <summary>The contract name stored in model files.</summary>
    public const string Contract = "MLExt.TokenIds.Cl100k";

    /// <summary>Creates the mapping.</summary>
    public Cl100kIdsMapping() : base(TokenizerKind.Cl100k) { }
}
