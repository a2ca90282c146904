namespace MLExt.Cli.Explain;

/// <summary>An input column's global importance: the mean of |attribution| and of the attribution over the rows.</summary>
internal sealed record ColumnRanking(string Column, double MeanAbsolute, double Mean);
