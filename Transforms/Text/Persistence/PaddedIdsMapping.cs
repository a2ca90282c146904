using Microsoft.ML.Transforms;

namespace MLExt.Transforms.Persistence;

/// <summary>
/// The stateless step of <c>TokenizeToIds</c>: a variable-length vector of word ids (0 for a word out of the
/// vocabulary, as ML.NET's <c>MapValue</c> leaves it) becomes <see cref="TokenIdsOptions.MaximumSupportedLength"/>
/// ids with the reserved ids applied — 1 for out of vocabulary, 0 for padding on the right — and truncated. ML.NET's
/// <c>DropSlots</c> then keeps the configured length. Loading needs MLExt.Transforms' assembly registered
/// (<see cref="TextCatalogExtensions.RegisterMLExtTransforms"/>).
/// </summary>
[CustomMappingFactoryAttribute(ContractName)]
public sealed class PaddedIdsMapping : CustomMappingFactory<WordIds, PaddedIds>
{
    /// <summary>The contract name stored in model files.</summary>
    public const string ContractName = "MLExt.TokenIds.Pad";

    /// <summary>out[t] = (in[t] == 0 ? 1 : in[t]) for t &lt; min(n, L); out[t] = 0 for the rest.</summary>
    public static void Map(WordIds input, PaddedIds output)
    {
        const int length = TokenIdsOptions.MaximumSupportedLength;
        if (output.Ids.Length != length) output.Ids = new float[length];
        var ids = input.Ids ?? [];
        int n = Math.Min(ids.Length, length);
        for (int t = 0; t < n; t++)
            output.Ids[t] = ids[t] == 0f ? TokenIdsTransformer.OutOfVocabularyId : ids[t];
        Array.Clear(output.Ids, n, length - n);
    }

    /// <inheritdoc/>
    public override Action<WordIds, PaddedIds> GetMapping() => Map;
}
