using Microsoft.ML;

namespace MLExt.Trainers;

/// <summary>Maps input rows to the same rows with computed columns appended after the input's columns (a network's
/// predictions, attributions).</summary>
internal interface IAppendingMapper
{
    /// <summary>The schema read.</summary>
    DataViewSchema InputSchema { get; }

    /// <summary>The input's columns, then the computed ones.</summary>
    DataViewSchema OutputSchema { get; }

    /// <summary>Whether output column <paramref name="index"/> is computed (rather than passed through).</summary>
    bool IsComputed(int index);

    /// <summary>The input columns the given output columns need.</summary>
    IEnumerable<DataViewSchema.Column> GetDependencies(IEnumerable<DataViewSchema.Column> dependingColumns);

    /// <summary>Getters for the computed columns over <paramref name="input"/>, in output order.</summary>
    Delegate[] CreateGetters(DataViewRow input);
}
