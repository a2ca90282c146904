using MLExt.Neural.Kernels;

namespace MLExt.Neural;

/// <summary>
/// Measures of generated samples: the Inception-score analogue of a classifier's probabilities, the share of samples
/// per predicted class, and each sample's distance to its nearest training image (a memorisation check).
/// </summary>
public static class GenerativeScores
{
    /// <summary>
    /// exp(E_x KL(p(y|x) ‖ p(y))) with p(y) the mean of the rows of <paramref name="probabilities"/> (<c>n × classes</c>,
    /// each row a distribution): 1 when every sample gets the same distribution, the number of classes when each sample
    /// is certain and the classes are equally used. Computed in double; 0·log 0 counts as 0.
    /// </summary>
    /// <exception cref="ArgumentException">No rows, or a length that is not whole rows.</exception>
    public static double InceptionScore(ReadOnlySpan<float> probabilities, int classes)
    {
        int n = Rows(probabilities, classes);
        var marginal = new double[classes];
        for (int i = 0; i < n; i++)
            for (int c = 0; c < classes; c++) marginal[c] += probabilities[i * classes + c];
        for (int c = 0; c < classes; c++) marginal[c] /= n;
        double kl = 0;
        for (int i = 0; i < n; i++)
            for (int c = 0; c < classes; c++)
            {
                // KL(p ‖ q) = Σ p log(p / q)
                double p = probabilities[i * classes + c];
                if (p > 0) kl += p * Math.Log(p / marginal[c]);
            }
        return Math.Exp(kl / n);
    }

    /// <summary>The fraction of rows whose most probable class is c, for each class c (ties go to the lower class).</summary>
    /// <exception cref="ArgumentException">No rows, or a length that is not whole rows.</exception>
    public static double[] ClassShares(ReadOnlySpan<float> probabilities, int classes)
    {
        var predicted = PredictedClasses(probabilities, classes);
        var shares = new double[classes];
        foreach (int c in predicted) shares[c] += 1.0 / predicted.Length;
        return shares;
    }

    /// <summary>Each row's most probable class (ties go to the lower class).</summary>
    /// <exception cref="ArgumentException">No rows, or a length that is not whole rows.</exception>
    public static int[] PredictedClasses(ReadOnlySpan<float> probabilities, int classes)
    {
        var predicted = new int[Rows(probabilities, classes)];
        for (int i = 0; i < predicted.Length; i++)
        {
            var row = probabilities.Slice(i * classes, classes);
            int best = 0;
            for (int c = 1; c < classes; c++) if (row[c] > row[best]) best = c;
            predicted[i] = best;
        }
        return predicted;
    }

    /// <summary>
    /// For each row of <paramref name="samples"/> (<c>m × size</c>), the Euclidean distance to the nearest row of
    /// <paramref name="references"/> (<c>r × size</c>): √min_j (‖s‖² + ‖r_j‖² − 2 s·r_j), the dot products by the
    /// engine's GEMM in blocks of samples.
    /// </summary>
    /// <exception cref="ArgumentException">A length that is not whole rows, or no reference.</exception>
    public static double[] NearestDistances(float[] samples, float[] references, int size)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(references);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        if (samples.Length % size != 0) throw new ArgumentException($"The samples are not whole rows of {size} values.", nameof(samples));
        int m = samples.Length / size, r = Rows(references, size);
        var referenceNorms = SquaredNorms(references, size);
        var sampleNorms = SquaredNorms(samples, size);
        var distances = new double[m];
        const int Block = 128;
        var block = new float[Math.Min(Block, m) * size];
        var dots = new float[Math.Min(Block, m) * r];
        for (int start = 0; start < m; start += Block)
        {
            int rows = Math.Min(Block, m - start);
            if (rows * size != block.Length) (block, dots) = (new float[rows * size], new float[rows * r]);
            Array.Copy(samples, start * size, block, 0, rows * size);
            // dots[i, j] = s_i · r_j
            Gemm.Multiply(transposeA: false, transposeB: true, rows, r, size, block, references, dots, accumulate: false);
            for (int i = 0; i < rows; i++)
            {
                double best = double.PositiveInfinity;
                for (int j = 0; j < r; j++) best = Math.Min(best, referenceNorms[j] - 2.0 * dots[i * r + j]);
                distances[start + i] = Math.Sqrt(Math.Max(0, sampleNorms[start + i] + best));
            }
        }
        return distances;
    }

    private static double[] SquaredNorms(float[] rows, int size)
    {
        var norms = new double[rows.Length / size];
        for (int i = 0; i < norms.Length; i++)
        {
            double sum = 0;
            foreach (float v in rows.AsSpan(i * size, size)) sum += (double)v * v;
            norms[i] = sum;
        }
        return norms;
    }

    private static int Rows(ReadOnlySpan<float> values, int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        if (values.Length == 0 || values.Length % size != 0)
            throw new ArgumentException($"Expected whole rows of {size} values, got {values.Length} values.", nameof(values));
        return values.Length / size;
    }
}
