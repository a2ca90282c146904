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

    /// <summary>The input columns plus <paramref name="name"/>, a known-size vector of Single: the shape of a one-hot
    /// indicator of any input column with a primitive item type (the column read does not matter, only the shape).</summary>
    /// <exception cref="ArgumentException">The input has no column of a primitive type.</exception>
    public static SchemaShape AddSingleVector(SchemaShape shape, string name)
    {
        foreach (var source in shape)
            if (source.ItemType is NumberDataViewType or TextDataViewType or BooleanDataViewType)
                return Context.Transforms.Categorical.OneHotEncoding(name, source.Name).GetOutputSchema(shape);
        throw new ArgumentException("The input has no number, text or Boolean column.", nameof(shape));
    }

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
}
