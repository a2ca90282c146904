namespace MLExt.Trainers;

/// <summary>
/// A model input read from a column: the graph input (<see cref="MLExt.Neural.Network.InputName"/> for a chain of
/// layers), the column and the per-row shape the input takes.
/// </summary>
/// <param name="Input">The graph input's name.</param>
/// <param name="Column">The column's name.</param>
/// <param name="Shape">The per-row shape (its product is the column's width).</param>
/// <param name="FromGraph">Whether the user bound it (<see cref="NeuralNetworkOptions.GraphInputColumns"/>) rather than
/// <see cref="NeuralNetworkOptions.FeatureColumnName"/>.</param>
internal sealed record ColumnBinding(string Input, string Column, int[] Shape, bool FromGraph)
{
    /// <summary>Values per row.</summary>
    public int Size => MLExt.Neural.Tensor.Product(Shape);

    /// <summary>How messages name it: <c>Feature column 'F'</c> or <c>Column 'C' (graph input 'I')</c>.</summary>
    public string Describe() => FromGraph ? $"Column '{Column}' (graph input '{Input}')" : $"Feature column '{Column}'";

    /// <summary>The option messages name.</summary>
    public string Option => FromGraph ? nameof(NeuralNetworkOptions.GraphInputColumns) : "featureColumnName";
}
