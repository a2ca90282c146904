using Microsoft.ML.Data;

namespace MLExt.Transforms.Persistence;

/// <summary>Output of <see cref="PaddedIdsMapping"/>: <see cref="TokenIdsOptions.MaximumSupportedLength"/> ids, right-padded with 0. Infrastructure of saved models.</summary>
public sealed class PaddedIds
{
    /// <summary>The column name, fixed because saved mappings cannot carry settings.</summary>
    public const string ColumnName = "MLExt.TokenIds.Padded";

    /// <summary>The ids.</summary>
    [ColumnName(ColumnName), VectorType(TokenIdsOptions.MaximumSupportedLength)]
    public float[] Ids { get; set; } = [];
}
