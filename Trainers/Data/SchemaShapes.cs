using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExt.Trainers;

/// <summary>
/// Output <see cref="SchemaShape"/>s for the trainers. ML.NET keeps <see cref="SchemaShape.Column"/>'s
/// constructor internal, so new columns are derived through built-in estimators' own schema
/// propagation (copy or convert an existing column of the right kind), which needs no data.
/// </summary>
internal static class SchemaShapes
{
    private static readonly MLContext Context = new(seed: 0);

    /// <summary>The input columns plus <paramref name="name"/> shaped like <paramref name="source"/>.</summary>
    public static SchemaShape AddCopy(SchemaShape shape, string name, string source) =>
        Context.Transforms.CopyColumns(name, source).GetOutputSchema(shape);

    /// <summary>The input columns plus <paramref name="name"/>: <paramref name="source"/> converted to Single.</summary>
    public static SchemaShape AddSingle(SchemaShape shape, string name, string source) =>
        Context.Transforms.Conversion.ConvertType(name, source, DataKind.Single).GetOutputSchema(shape);

    /// <summary>The column named <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">Not present; names the option.</exception>
    public static SchemaShape.Column Find(SchemaShape shape, string name, string role, string option)
    {
        foreach (var column in shape)
            if (column.Name == name) return column;
        throw new ArgumentException($"{role} column '{name}' was not found.", option);
    }

    /// <summary>Checks the feature column is a known-size vector of Single.</summary>
    public static void CheckFeatures(SchemaShape shape, string name)
    {
        var column = Find(shape, name, "Feature", "featureColumnName");
        if (column.Kind != SchemaShape.Column.VectorKind.Vector || column.ItemType != NumberDataViewType.Single)
            throw new ArgumentException($"Feature column '{name}' must be a known-size vector of Single, got {column.Kind} of {column.ItemType}.", "featureColumnName");
    }

    /// <summary>Checks a column bound to a graph input is a known-size vector of Single.</summary>
    public static void CheckGraphInput(SchemaShape shape, string name, string graphInput)
    {
        const string option = nameof(NeuralNetworkOptions.GraphInputColumns);
        var column = shape.FirstOrDefault(c => c.Name == name);
        if (column.Name is null)
            throw new ArgumentException($"Column '{name}', bound to graph input '{graphInput}' in {option}, was not found.", option);
        if (column.Kind != SchemaShape.Column.VectorKind.Vector || column.ItemType != NumberDataViewType.Single)
            throw new ArgumentException($"Column '{name}' (graph input '{graphInput}') must be a known-size vector of Single, got {column.Kind} of {column.ItemType}.", option);
    }
}
