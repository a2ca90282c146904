namespace MLExt.Evaluation.Multiclass;

/// <summary>Counts of rows by actual class (row) and predicted class (column), as ML.NET's <c>ConfusionMatrix.Counts</c>.</summary>
public sealed class MulticlassConfusionMatrix
{
    internal MulticlassConfusionMatrix(IReadOnlyList<string> classNames, double[][] counts)
    {
        ClassNames = classNames;
        Counts = counts;
    }

    /// <summary>Class names, in row and column order.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary><c>Counts[actual][predicted]</c>.</summary>
    public IReadOnlyList<IReadOnlyList<double>> Counts { get; }

    /// <summary>Each row divided by its total: the fraction of class <c>actual</c> predicted as <c>predicted</c> (a row of NaN for an absent class).</summary>
    public double[][] RowNormalized()
    {
        var result = new double[Counts.Count][];
        for (int a = 0; a < result.Length; a++)
        {
            double total = Counts[a].Sum();
            result[a] = Counts[a].Select(c => total == 0 ? double.NaN : c / total).ToArray();
        }
        return result;
    }
}
