using Microsoft.ML;

namespace MLExt.Cli.Prediction;

/// <summary>A column of the predictions file: its header and, for a row, the text of its value.</summary>
/// <param name="Header">The CSV header.</param>
/// <param name="Source">The scored column it reads.</param>
/// <param name="CreateReader">Given a cursor over the scored data, a function returning the current row's text.</param>
internal sealed record PredictionColumn(string Header, DataViewSchema.Column Source, Func<DataViewRow, Func<string>> CreateReader);
