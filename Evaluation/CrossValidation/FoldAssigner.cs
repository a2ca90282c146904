using MLExt.Evaluation.Data;
using Microsoft.ML;

namespace MLExt.Evaluation.CrossValidation;

/// <summary>Deals rows into folds: k-fold, stratified or grouped, seeded.</summary>
internal static class FoldAssigner
{
    /// <summary>The fold of every row of <paramref name="data"/> for one repeat.</summary>
    /// <exception cref="ArgumentException">Fewer rows (or groups) than folds, or a column is missing.</exception>
    public static int[] Assign(IDataView data, CrossValidationOptions options, int repeat, List<string> warnings)
    {
        var strategy = options.EffectiveStrategy;
        int k = options.NumberOfFolds;
        var random = new Random(unchecked(options.Seed * 7919 + repeat));
        if (strategy == FoldStrategy.Grouped)
            return Grouped(ReadColumn(data, options.GroupColumnName!, "group"), k, random);
        string[] labels = ReadColumn(data, options.LabelColumnName, "label");
        if (labels.Length < k)
            throw new ArgumentException($"The data has {labels.Length} rows, fewer than the {k} folds: a fold would be empty.", nameof(data));
        return strategy == FoldStrategy.Stratified ? Stratified(labels, k, random, warnings, repeat) : KFold(labels.Length, k, random);
    }

    internal static int[] KFold(int rows, int k, Random random)
    {
        var order = Shuffled(Enumerable.Range(0, rows).ToArray(), random);
        var folds = new int[rows];
        for (int i = 0; i < rows; i++)
            folds[order[i]] = i % k;
        return folds;
    }

    /// <summary>Stratifies by the label's value as text, so numbers, keys, Booleans and class names all work.</summary>
    internal static int[] Stratified(string[] labels, int k, Random random, List<string> warnings, int repeat)
    {
        var folds = new int[labels.Length];
        int next = 0;
        // Classes in a fixed order; each shuffled and dealt on from where the last left off, so fold sizes stay within one.
        foreach (var group in Enumerable.Range(0, labels.Length).GroupBy(i => labels[i], StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            if (group.Count() < k && repeat == 0)
                warnings.Add($"Class '{group.Key}' has {group.Count()} row(s), fewer than the {k} folds: some test folds lack it.");
            foreach (int row in Shuffled(group.ToArray(), random))
                folds[row] = next++ % k;
        }
        return folds;
    }

    internal static int[] Grouped(string[] groups, int k, Random random)
    {
        var byGroup = Enumerable.Range(0, groups.Length).GroupBy(i => groups[i], StringComparer.Ordinal).ToArray();
        if (byGroup.Length < k)
            throw new ArgumentException(
                $"The group column has {byGroup.Length} distinct value(s), fewer than the {k} folds: a fold would be empty. Use at most {byGroup.Length} folds.", "options");
        // Shuffle (seeded), then the largest group first to the lightest fold; the stable sort keeps the shuffle among equal sizes.
        var ordered = Shuffled(byGroup, random).OrderByDescending(g => g.Count()).ToArray();
        var load = new int[k];
        var folds = new int[groups.Length];
        foreach (var group in ordered)
        {
            int lightest = 0;
            for (int f = 1; f < k; f++)
                if (load[f] < load[lightest])
                    lightest = f;
            foreach (int row in group)
                folds[row] = lightest;
            load[lightest] += group.Count();
        }
        return folds;
    }

    private static T[] Shuffled<T>(T[] items, Random random)
    {
        var copy = (T[])items.Clone();
        for (int i = copy.Length - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (copy[i], copy[j]) = (copy[j], copy[i]);
        }
        return copy;
    }

    /// <summary>A column's values as text (numbers formatted invariantly), one per row.</summary>
    private static string[] ReadColumn(IDataView data, string columnName, string role)
    {
        var column = ColumnReader.Require(data.Schema, columnName, role);
        var values = new List<string>();
        using var cursor = data.GetRowCursor(new[] { column });
        var getter = ColumnReader.TextGetter(cursor, column, role);
        string value = "";
        while (cursor.MoveNext())
        {
            getter(ref value);
            values.Add(value);
        }
        return values.ToArray();
    }
}
