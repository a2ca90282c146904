using Microsoft.ML.Transforms;

namespace MLExt.Transforms.Persistence;

/// <summary>
/// The stateless subword step of <c>TokenizeToIds</c>: normalised text to the tokenizer's ids. A saved model holds only
/// the contract name (one per tokenizer, so the name says which); loading recreates the tokenizer from its data package
/// (Microsoft.ML.Tokenizers.Data.*, a dependency of MLExt.Transforms) once MLExt.Transforms' assembly is registered
/// (<see cref="TextCatalogExtensions.RegisterMLExtTransforms"/>). The vocabulary of training ids follows in ML.NET's
/// <c>MapValue</c>, saved like any built-in.
/// </summary>
public abstract class SubwordIdsMapping : CustomMappingFactory<NormalizedText, SubwordIds>
{
    private readonly TokenizerKind _kind;

    private protected SubwordIdsMapping(TokenizerKind kind) => _kind = kind;

    /// <summary>The contract name of <paramref name="kind"/>'s mapping.</summary>
    public static string ContractName(TokenizerKind kind) => kind switch
    {
        TokenizerKind.Gpt2 => Gpt2IdsMapping.Contract,
        TokenizerKind.Cl100k => Cl100kIdsMapping.Contract,
        TokenizerKind.O200k => O200kIdsMapping.Contract,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a subword tokenizer."),
    };

    /// <summary>The mapping of <paramref name="kind"/>.</summary>
    internal static SubwordIdsMapping For(TokenizerKind kind) => kind switch
    {
        TokenizerKind.Gpt2 => new Gpt2IdsMapping(),
        TokenizerKind.Cl100k => new Cl100kIdsMapping(),
        TokenizerKind.O200k => new O200kIdsMapping(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a subword tokenizer."),
    };

    /// <inheritdoc/>
    public override Action<NormalizedText, SubwordIds> GetMapping()
    {
        var kind = _kind;
        return (input, output) => output.Ids = SubwordTokenizers.Encode(kind, input.Text ?? "");
    }
}
