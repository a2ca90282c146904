using Microsoft.ML.Data;

namespace MLExt.Transforms.Persistence;

/// <summary>Output of the subword mappings: the tokenizer's own ids, as many as tokens. Infrastructure of saved models.</summary>
public sealed class SubwordIds
{
    /// <summary>The column name, fixed because saved mappings cannot carry settings.</summary>
    public const string ColumnName = "MLExt.TokenIds.SubwordIds";

    /// <summary>The ids, variable length.</summary>
    [ColumnName(ColumnName)]
    public float[] Ids { get; set; } = [];
}
