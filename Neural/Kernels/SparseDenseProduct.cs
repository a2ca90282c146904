namespace MLExt.Neural.Kernels;

/// <summary>
/// Y = A·X for a CSR matrix A <c>[n, n]</c> and row-major X, Y <c>[n, width]</c>: each output row is the weighted
/// sum of the X rows its entries name, accumulated in registers of the widest lane the machine has (written once,
/// generically over <see cref="IGemmLane{TVector}"/>) and stored once. Rows are cut into the adjacency's fixed chunks
/// of similar work, run by <see cref="ChunkJob"/>; every output row is computed by one thread in entry order, so the
/// bits do not depend on the thread count. One instance per calling thread is reused: no allocation per product.
/// </summary>
internal sealed unsafe class SparseDenseProduct : IChunkWork
{
    /// <summary>Entries plus rows per chunk; below four chunks' worth the product runs on one thread.</summary>
    private const int WorkPerChunk = 8192;

    [ThreadStatic] private static SparseDenseProduct? _perThread;

    private SparseAdjacency? _matrix;
    private int[]? _chunks;
    private float* _x, _y;
    private int _width;
    private GemmPath _path;

    public static void Run(SparseAdjacency matrix, ReadOnlySpan<float> x, Span<float> y, int width, int maxThreads)
    {
        var work = _perThread ??= new SparseDenseProduct();
        var chunks = matrix.ChunkStarts(WorkPerChunk);
        int count = chunks.Length - 1;
        fixed (float* px = x, py = y)
        {
            (work._matrix, work._chunks, work._width, work._path) = (matrix, chunks, width, Gemm.BestPath);
            work._x = px;
            work._y = py;
            try
            {
                ChunkJob.Run(work, count, count < 4 ? 1 : maxThreads);
            }
            finally
            {
                (work._matrix, work._chunks) = (null, null);
                work._x = null;
                work._y = null;
            }
        }
    }

    /// <inheritdoc/>
    public void Run(int chunk)
    {
        int from = _chunks![chunk], to = _chunks[chunk + 1];
        switch (_path)
        {
            case GemmPath.Vector512: Rows<Vector512Lane, System.Runtime.Intrinsics.Vector512<float>>(from, to); break;
            case GemmPath.Vector256: Rows<Vector256Lane, System.Runtime.Intrinsics.Vector256<float>>(from, to); break;
            case GemmPath.Vector128: Rows<Vector128Lane, System.Runtime.Intrinsics.Vector128<float>>(from, to); break;
            default: Rows<ScalarLane, float>(from, to); break;
        }
    }

    private void Rows<TLane, TVector>(int from, int to) where TLane : IGemmLane<TVector> where TVector : unmanaged
    {
        var m = _matrix!;
        int[] starts = m.RowStarts, columns = m.Columns;
        float[] weights = m.Weights;
        int width = _width, w = TLane.Width, vectorEnd = width - width % (2 * w);
        for (int i = from; i < to; i++)
        {
            int first = starts[i], last = starts[i + 1];
            float* yi = _y + (long)i * width;
            int c = 0;
            // Two registers per pass over the row's entries: y_i[c…] = Σ_e w_e · x_{col(e)}[c…]
            for (; c < vectorEnd; c += 2 * w)
            {
                TVector a0 = TLane.Zero, a1 = TLane.Zero;
                for (int e = first; e < last; e++)
                {
                    float* xj = _x + (long)columns[e] * width + c;
                    var s = TLane.Broadcast(weights[e]);
                    a0 = TLane.MultiplyAdd(s, TLane.Load(xj), a0);
                    a1 = TLane.MultiplyAdd(s, TLane.Load(xj + w), a1);
                }
                TLane.Store(a0, yi + c);
                TLane.Store(a1, yi + c + w);
            }
            for (; c < width; c++)
            {
                float sum = 0f;
                for (int e = first; e < last; e++) sum = float.MultiplyAddEstimate(weights[e], _x[(long)columns[e] * width + c], sum);
                yi[c] = sum;
            }
        }
    }
}
