using Microsoft.ML.Transforms;

namespace MLExt.Transforms.Persistence;

/// <summary>Normalised text to GPT-2's token ids (see <see cref="SubwordIdsMapping"/>). Infrastructure of saved models.</summary>
[CustomMappingFactoryAttribute(Contract)]
public sealed class Gpt2IdsMapping : SubwordIdsMapping
{
    /// <summary>The contract name stored in model files.</summary>
    public const string Contract = "MLExt.TokenIds.Gpt2";

    /// <summary>Creates the mapping.</summary>
    public Gpt2IdsMapping() : base(TokenizerKind.Gpt2) { }
}
