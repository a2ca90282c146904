namespace MLExt.AutoML;

/// <summary>Cholesky factorisation A = L·Lᵀ of a symmetric positive-definite matrix, and the solves that use it, in double precision.</summary>
internal static class Cholesky
{
    /// <summary>Overwrites the lower triangle of <paramref name="a"/> (n×n, row-major) with L; false if A is not positive definite.</summary>
    public static bool Decompose(double[] a, int n)
    {
        for (int j = 0; j < n; j++)
        {
            // L_jj = √(A_jj − Σ_k<j L_jk²)
            double diagonal = a[j * n + j];
            for (int k = 0; k < j; k++) diagonal -= a[j * n + k] * a[j * n + k];
            if (!(diagonal > 0)) return false;
            double ljj = Math.Sqrt(diagonal);
            a[j * n + j] = ljj;
            // L_ij = (A_ij − Σ_k<j L_ik L_jk) / L_jj
            for (int i = j + 1; i < n; i++)
            {
                double sum = a[i * n + j];
                for (int k = 0; k < j; k++) sum -= a[i * n + k] * a[j * n + k];
                a[i * n + j] = sum / ljj;
            }
        }
        return true;
    }

    /// <summary>Solves L·x = b in place (forward substitution).</summary>
    public static void SolveLower(double[] l, int n, Span<double> b)
    {
        for (int i = 0; i < n; i++)
        {
            double sum = b[i];
            for (int k = 0; k < i; k++) sum -= l[i * n + k] * b[k];
            b[i] = sum / l[i * n + i];
        }
    }

    /// <summary>Solves Lᵀ·x = b in place (back substitution).</summary>
    public static void SolveUpper(double[] l, int n, Span<double> b)
    {
        for (int i = n - 1; i >= 0; i--)
        {
            double sum = b[i];
            for (int k = i + 1; k < n; k++) sum -= l[k * n + i] * b[k];
            b[i] = sum / l[i * n + i];
        }
    }
}
