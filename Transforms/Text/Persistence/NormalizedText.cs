using Microsoft.ML.Data;

namespace MLExt.Transforms.Persistence;

/// <summary>Input of the subword mappings (<see cref="SubwordIdsMapping"/>): the normalised text. Infrastructure of saved models.</summary>
public sealed class NormalizedText
{
    /// <summary>The column name, fixed because saved mappings cannot carry settings.</summary>
    public const string ColumnName = "MLExt.TokenIds.Normalized";

    /// <summary>The text.</summary>
    [ColumnName(ColumnName)]
    public string Text { get; set; } = "";
}
