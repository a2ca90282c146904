namespace MLExt.Neural;

/// <summary>
/// Rows for training a <see cref="ModelGraph"/> in memory: named columns of one row count, each a row-major
/// array with a per-row shape. Graph inputs read the column of their name, output losses the column named by
/// <see cref="OutputLoss.Target"/>; other columns (a teacher's outputs, sample weights) reach a custom
/// <see cref="TrainingStep"/> through <see cref="TrainingBatch.Column"/>. Arrays are wrapped, not copied.
/// </summary>
public sealed class GraphData
{
    private readonly List<(string Name, float[] Values, int[] Shape, int Size)> _columns = [];

    /// <summary>Number of rows (0 until a column is added).</summary>
    public int Count { get; private set; }

    /// <summary>The column names, in the order they were added.</summary>
    public IReadOnlyList<string> Names => _columns.Select(c => c.Name).ToArray();

    /// <summary>Adds column <paramref name="name"/> holding rows of shape <paramref name="shape"/> (fluent).</summary>
    /// <exception cref="ArgumentException">The name is taken, the shape is empty, the values are not whole rows, or the
    /// row count differs from the other columns'.</exception>
    public GraphData Add(string name, float[] values, params int[] shape)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(shape);
        if (Contains(name)) throw new ArgumentException($"The data already has a column '{name}'.", nameof(name));
        int size = Tensor.Product(shape);
        if (shape.Length == 0 || size <= 0) throw new ArgumentException($"Column '{name}' needs a row shape of positive " +
            $"dimensions, got {Tensor.FormatShape(shape)}.", nameof(shape));
        if (values.Length % size != 0)
            throw new ArgumentException($"Column '{name}': {values.Length} values are not a whole number of rows of " +
                $"{size}.", nameof(values));
        int count = values.Length / size;
        if (_columns.Count > 0 && count != Count)
            throw new ArgumentException($"Column '{name}' has {count} rows but column '{_columns[0].Name}' has {Count}.", nameof(values));
        _columns.Add((name, values, (int[])shape.Clone(), size));
        Count = count;
        return this;
    }

    /// <summary>Whether a column of this name exists.</summary>
    public bool Contains(string name) => _columns.Any(c => c.Name == name);

    /// <summary>The per-row shape of column <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No such column; the message lists the columns.</exception>
    public int[] ShapeOf(string name) => (int[])_columns[IndexOf(name)].Shape.Clone();

    /// <summary>The values of column <paramref name="name"/> (the wrapped array).</summary>
    public float[] ValuesOf(string name) => _columns[IndexOf(name)].Values;

    /// <summary>A training set's features and targets as two columns (arrays shared).</summary>
    public static GraphData From(TrainingSet set, string featureName, string targetName)
    {
        ArgumentNullException.ThrowIfNull(set);
        return new GraphData().Add(featureName, set.Features, set.FeatureShape).Add(targetName, set.Targets, set.TargetWidth);
    }

    /// <summary>The position of column <paramref name="name"/>.</summary>
    internal int IndexOf(string name)
    {
        for (int i = 0; i < _columns.Count; i++) if (_columns[i].Name == name) return i;
        throw new ArgumentException($"The data has no column '{name}'. Columns: " +
            $"{string.Join(", ", _columns.Select(c => $"'{c.Name}'"))}.", nameof(name));
    }

    /// <summary>Copies rows <paramref name="rows"/> of column <paramref name="column"/> into <paramref name="batch"/>,
    /// resizing it to the batch.</summary>
    internal void Gather(int column, ReadOnlySpan<int> rows, Tensor batch)
    {
        var (_, values, shape, size) = _columns[column];
        if (batch.Rank != shape.Length + 1 || batch.Rows != rows.Length || !Tensor.SameShape(batch.Shape.AsSpan(1), shape))
            batch.Resize(Tensor.BatchShape(rows.Length, shape));
        for (int i = 0; i < rows.Length; i++) values.AsSpan(rows[i] * size, size).CopyTo(batch.Data.AsSpan(i * size, size));
    }
}
