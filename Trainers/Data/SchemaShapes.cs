using System.Reflection;
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

    // ML.NET builds a shape from a schema only internally (SchemaShape.Create); ensembles use it to ask their members and
    // meta-learner what they would output before training any of them. Null if a later ML.NET moves it: the same
    // checks then run on the fitted members' output schemas instead.
    private static readonly MethodInfo? CreateShape =
        typeof(SchemaShape).GetMethod("Create", BindingFlags.NonPublic | BindingFlags.Static, [typeof(DataViewSchema)]);

    /// <summary>The shape of <paramref name="schema"/>'s visible columns, or null when this ML.NET does not offer it.</summary>
    public static SchemaShape? Of(DataViewSchema schema) => CreateShape?.Invoke(null, [schema]) as SchemaShape;

    /// <summary>The column named <paramref name="name"/>, or null.</summary>
    public static SchemaShape.Column? FindOrNull(SchemaShape shape, string name)
    {
        foreach (var column in shape)
            if (column.Name == name) return column;
        return null;
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
