using Microsoft.ML.Transforms;

namespace MLExt.Transforms.Persistence;

/// <summary>Normalised text to o200k_base token ids (see <see cref="SubwordIdsMapping"/>). Infrastructure of saved models.</summary>
[CustomMappingFactoryAttribute(Contract)]
public sealed class O200kIdsMapping : SubwordIdsMapping
{
    /// <summary>The contract name stored in model files.</summary>
    public const string Contract = "MLExt.TokenIds.O200k";

    /// <summary>Creates the mapping.</summary>
    public O200kIdsMapping() : base(TokenizerKind.O200k) { }
}
