namespace MLExt.Neural.Kernels;

/// <summary>
/// Row-major single-precision matrix multiply, C = op(A)·op(B) (+ C when accumulating), in the four
/// forms that forward and backward passes need, without materialising a transpose.
/// </summary>
/// <remarks>
/// BLIS-style: C is cut into tiles that threads claim from a counter; within a tile, blocks of A and
/// B are packed into cache-sized slivers and a register-blocked micro-kernel
/// (<see cref="GemmMicroKernel"/>) computes MR × NR micro-tiles on the widest lane this CPU has
/// (AVX-512, AVX2 + FMA, 128-bit, or scalar). Every C value is the same sum of products in the same
/// order whatever the lane, tiling or number of threads, so results are reproducible and a single
/// row multiplied alone gives the same bits as inside a batch. Steady-state calls allocate nothing.
/// </remarks>
internal static class Gemm
{
    /// <summary>Multiply-adds below which one thread does the whole product.</summary>
    internal const long ParallelThreshold = 1L << 18;

    /// <summary>Multiply-adds from which a one-row product (inference of one sample) is split across cores.</summary>
    internal const long RowParallelThreshold = 1L << 16;

    /// <summary>Tiles per thread aimed for, so that a thread slowed by other work is rebalanced.</summary>
    private const int TilesPerThread = 4;

    /// <summary>The widest lane this machine runs in hardware.</summary>
    public static GemmPath BestPath { get; } =
        Vector512Lane.IsSupported ? GemmPath.Vector512
        : Vector256Lane.IsSupported ? GemmPath.Vector256
        : Vector128Lane.IsSupported ? GemmPath.Vector128
        : GemmPath.Scalar;

    /// <summary>
    /// C[m×n] = op(A)[m×k] · op(B)[k×n], or C += … when <paramref name="accumulate"/>.
    /// A is stored [m×k] (or [k×m] when <paramref name="transposeA"/>), B [k×n] (or [n×k]), all tight.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is negative.</exception>
    /// <exception cref="ArgumentException">An array is too short for its dimensions.</exception>
    public static void Multiply(bool transposeA, bool transposeB, int m, int n, int k,
        float[] a, float[] b, float[] c, bool accumulate) =>
        Multiply(transposeA, transposeB, m, n, k, a, b, c, accumulate, BestPath, Environment.ProcessorCount);

    /// <summary>As the public form, on a chosen lane and with at most <paramref name="maxThreads"/> threads (for tests and benchmarks).</summary>
    /// <exception cref="NotSupportedException">The lane does not run in hardware here.</exception>
    internal static void Multiply(bool transposeA, bool transposeB, int m, int n, int k,
        float[] a, float[] b, float[] c, bool accumulate, GemmPath path, int maxThreads)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(c);
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        if ((long)m * k > a.Length) throw new ArgumentException($"A holds {a.Length} values, fewer than {m}×{k}.", nameof(a));
        if ((long)k * n > b.Length) throw new ArgumentException($"B holds {b.Length} values, fewer than {k}×{n}.", nameof(b));
        if ((long)m * n > c.Length) throw new ArgumentException($"C holds {c.Length} values, fewer than {m}×{n}.", nameof(c));
        if (!IsSupported(path)) throw new NotSupportedException($"The {path} GEMM lane does not run on this CPU.");
        if (m == 0 || n == 0) return;
        if (k == 0)
        {
            if (!accumulate) c.AsSpan(0, m * n).Clear();
            return;
        }

        if (m == 1 && !transposeB)
        {
            // One sample: a row sweep over B in place (A's one row is contiguous in both layouts). It is bound by
            // reading B, so a large B is split by columns across the cores (each reads its part into its own cache).
            int strip = GemmRowKernel.StripColumns(path);
            int rowThreads = (long)n * k < RowParallelThreshold ? 1 : Math.Clamp(maxThreads, 1, Math.Max(1, n / strip));
            if (rowThreads <= 1)
            {
                GemmRowKernel.Multiply(path, n, k, a, b, c, accumulate);
                return;
            }
            var rowJob = GemmJobPool.Rent();
            rowJob.Set(transposeA, transposeB, m, n, k, a, b, c, accumulate, path);
            rowJob.SetTiles(1, (n / rowThreads + strip - 1) / strip * strip, directB: true, rowKernel: true);
            rowJob.Run(rowThreads - 1);
            return;
        }

        var job = GemmJobPool.Rent();
        job.Set(transposeA, transposeB, m, n, k, a, b, c, accumulate, path);
        var (mr, nr) = MicroTile(path);
        int threads = (long)m * n * k < ParallelThreshold ? 1 : Math.Max(1, maxThreads);
        var (tileRows, tileColumns) = ChooseTiles(m, n, k, transposeA, transposeB, mr, nr, threads);
        job.SetTiles(tileRows, tileColumns, directB: !transposeB && tileRows <= 2 * mr);
        job.Run(threads - 1);
    }

    /// <summary>Whether <paramref name="path"/> runs in hardware on this machine.</summary>
    public static bool IsSupported(GemmPath path) => path switch
    {
        GemmPath.Vector512 => Vector512Lane.IsSupported,
        GemmPath.Vector256 => Vector256Lane.IsSupported,
        GemmPath.Vector128 => Vector128Lane.IsSupported,
        _ => true,
    };

    /// <summary>The micro-tile (MR rows, NR columns) of a lane.</summary>
    public static (int Rows, int Columns) MicroTile(GemmPath path) => path switch
    {
        GemmPath.Vector512 => (Vector512Lane.Rows, 2 * Vector512Lane.Width),
        GemmPath.Vector256 => (Vector256Lane.Rows, 2 * Vector256Lane.Width),
        GemmPath.Vector128 => (Vector128Lane.Rows, 2 * Vector128Lane.Width),
        _ => (ScalarLane.Rows, 2 * ScalarLane.Width),
    };

    /// <summary>
    /// Tile sizes giving about <see cref="TilesPerThread"/> tiles per thread (one tile per NC columns
    /// when single-threaded) at the least packing: each row of tiles packs B once and each column of
    /// tiles packs A once, and a transposing pack costs about twice a copy.
    /// </summary>
    internal static (int TileRows, int TileColumns) ChooseTiles(int m, int n, int k, bool transposeA, bool transposeB, int mr, int nr, int threads)
    {
        int maxRowTiles = Ceiling(m, mr), maxColumnTiles = Ceiling(n, nr);
        int minColumnTiles = Ceiling(n, GemmBlocking.NC);
        long wanted = threads == 1 ? 1 : Math.Min((long)threads * TilesPerThread, (long)maxRowTiles * maxColumnTiles);
        long aCost = (long)m * k * (transposeA ? 1 : 2), bCost = (long)k * n * (transposeB ? 2 : 1);
        int bestRows = m, bestColumns = RoundUp(Ceiling(n, minColumnTiles), nr);
        long bestCost = long.MaxValue;
        for (int rowTiles = 1; rowTiles <= Math.Min(wanted, maxRowTiles); rowTiles++)
        {
            int columnTiles = (int)Math.Clamp(Ceiling(wanted, rowTiles), minColumnTiles, maxColumnTiles);
            int tileRows = RoundUp(Ceiling(m, rowTiles), mr), tileColumns = RoundUp(Ceiling(n, columnTiles), nr);
            long actualRows = Ceiling(m, tileRows), actualColumns = Ceiling(n, tileColumns);
            if (actualRows * actualColumns < wanted && rowTiles < Math.Min(wanted, maxRowTiles)) continue;
            long cost = actualRows * bCost + actualColumns * aCost;
            if (cost < bestCost)
            {
                bestCost = cost;
                (bestRows, bestColumns) = (tileRows, tileColumns);
            }
        }
        return (bestRows, bestColumns);
    }

    private static int Ceiling(int value, int divisor) => (value + divisor - 1) / divisor;

    private static long Ceiling(long value, long divisor) => (value + divisor - 1) / divisor;

    private static int RoundUp(int value, int multiple) => Ceiling(value, multiple) * multiple;
}
