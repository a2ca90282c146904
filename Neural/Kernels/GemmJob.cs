namespace MLExt.Neural.Kernels;

/// <summary>
/// One GEMM call split into tiles of C. The caller and up to <c>helpers</c> of
/// <see cref="GemmWorkers"/> claim tiles from a shared counter until none is left; the caller then
/// waits for the tiles claimed by others. A tile's values do not depend on who computes it, so the
/// result does not depend on the number of threads or on their timing. Jobs are pooled and counted
/// by reference (a helper may start after the caller has finished), so a call allocates nothing once
/// the pool and its workspaces are warm.
/// </summary>
internal sealed class GemmJob : IWorkerJob
{
    private readonly GemmWorkspace?[] _workspaces = new GemmWorkspace?[Math.Max(1, Environment.ProcessorCount)];
    private int _nextTile, _doneTiles, _participants, _references;
    private Exception? _error;

    public float[] A { get; private set; } = [];
    public float[] B { get; private set; } = [];
    public float[] C { get; private set; } = [];
    public int M { get; private set; }
    public int N { get; private set; }
    public int K { get; private set; }
    public bool TransposeA { get; private set; }
    public bool TransposeB { get; private set; }
    public bool Accumulate { get; private set; }
    public GemmPath Path { get; private set; }

    /// <summary>Rows of C per tile (a multiple of MR, except the last tile).</summary>
    public int TileRows { get; private set; }

    /// <summary>Columns of C per tile (a multiple of NR, at most NC).</summary>
    public int TileColumns { get; private set; }

    /// <summary>Tiles across a row of tiles.</summary>
    public int ColumnTiles { get; private set; }

    /// <summary>Number of tiles.</summary>
    public int TileCount { get; private set; }

    /// <summary>Whether the micro-kernel reads B in place instead of packing it.</summary>
    public bool DirectB { get; private set; }

    public void Set(bool transposeA, bool transposeB, int m, int n, int k, float[] a, float[] b, float[] c, bool accumulate, GemmPath path)
    {
        (TransposeA, TransposeB, M, N, K, A, B, C, Accumulate, Path) = (transposeA, transposeB, m, n, k, a, b, c, accumulate, path);
    }

    /// <summary>Whether tiles are column ranges of a one-row product, run by <see cref="GemmRowKernel"/>.</summary>
    public bool RowKernel { get; private set; }

    public void SetTiles(int tileRows, int tileColumns, bool directB, bool rowKernel = false)
    {
        RowKernel = rowKernel;
        TileRows = tileRows;
        TileColumns = tileColumns;
        ColumnTiles = (N + tileColumns - 1) / tileColumns;
        TileCount = (M + tileRows - 1) / tileRows * ColumnTiles;
        DirectB = directB;
    }

    /// <summary>Runs every tile with up to <paramref name="helpers"/> helper threads; returns the job to the pool.</summary>
    public void Run(int helpers)
    {
        helpers = Math.Clamp(helpers, 0, Math.Min(TileCount - 1, _workspaces.Length - 1));
        _nextTile = 0;
        _doneTiles = 0;
        _participants = 0;
        _error = null;
        _references = helpers + 1;
        int posted = GemmWorkers.Post(this, helpers);
        if (posted < helpers) Interlocked.Add(ref _references, posted - helpers);
        Work();
        if (Volatile.Read(ref _doneTiles) < TileCount)
        {
            var spin = new SpinWait();
            while (Volatile.Read(ref _doneTiles) < TileCount) spin.SpinOnce(sleep1Threshold: -1);
        }
        var error = _error;
        Release();
        if (error is not null) throw new InvalidOperationException("A GEMM tile failed.", error);
    }

    /// <summary>Claims and computes tiles until none is left.</summary>
    public void Work()
    {
        GemmWorkspace? workspace = null;
        int tile;
        while ((tile = Interlocked.Increment(ref _nextTile) - 1) < TileCount)
        {
            if (workspace is null)
            {
                int slot = Interlocked.Increment(ref _participants) - 1;
                workspace = _workspaces[slot] ??= new GemmWorkspace();
            }
            try
            {
                GemmDriver.RunTile(this, tile, workspace);
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref _error, e, null);
            }
            Interlocked.Increment(ref _doneTiles);
        }
    }

    /// <summary>Drops one reference; the last returns the job to the pool.</summary>
    public void Release()
    {
        if (Interlocked.Decrement(ref _references) != 0) return;
        A = B = C = [];
        GemmJobPool.Return(this);
    }
}
