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
            return Grouped(ReadGroups(data, options.GroupColumnName!), k, random);
        double[] labels = ReadLabels(data, options.LabelColumnName);
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

    internal static int[] Stratified(double[] labels, int k, Random random, List<string> warnings, int repeat)
    {
        var folds = new int[labels.Length];
        int next = 0;
        // Classes in a fixed order; each shuffled and dealt on from where the last left off, so fold sizes stay within one.
        foreach (var group in Enumerable.Range(0, labels.Length).GroupBy(i => labels[i]).OrderBy(g => g.Key))
        {
            if (group.Count() < k && repeat == 0)
                warnings.Add($"Class {group.Key} has {group.Count()} row(s), fewer than the {k} folds: some test folds lack it.");
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

    private static double[] ReadLabels(IDataView data, string labelColumnName)
    {
        var column = ColumnReader.Require(data.Schema, labelColumnName, "label");
        var values = new List<double>();
        using var cursor = data.GetRowCursor(new[] { column });
        var getter = ColumnReader.ScalarGetter(cursor, column, "label");
        double value = 0;
        while (cursor.MoveNext())
        {
            getter(ref value);
            values.Add(value);
        }
        return values.ToArray();
    }

    private static string[] ReadGroups(IDataView data, string groupColumnName)
    {
        var column = ColumnReader.Require(data.Schema, groupColumnName, "group");
        var values = new List<string>();
        using var cursor = data.GetRowCursor(new[] { column });
        var getter = ColumnReader.TextGetter(cursor, column, "group");
        string value = "";
        while (cursor.MoveNext())
        {
            getter(ref value);
            values.Add(value);
        }
        return values.ToArray();
    }
}
