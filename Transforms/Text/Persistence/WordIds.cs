using Microsoft.ML.Data;

namespace MLExt.Transforms.Persistence;

/// <summary>Input of <see cref="PaddedIdsMapping"/>: each word's id (0 when out of vocabulary, else ≥ 2), as many as words. Infrastructure of saved models.</summary>
public sealed class WordIds
{
    /// <summary>The column name, fixed because saved mappings cannot carry settings.</summary>
    public const string ColumnName = "MLExt.TokenIds.WordIds";

    /// <summary>The ids, variable length.</summary>
    [ColumnName(ColumnName)]
    public float[] Ids { get; set; } = [];
}
