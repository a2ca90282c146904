using System.Runtime.Intrinsics;
using static MLExt.Neural.Kernels.GemmBlocking;

namespace MLExt.Neural.Kernels;

/// <summary>
/// Computes one tile of C (rows [r0, r1), columns [j0, j1), the whole k range) on one lane:
/// for each KC block of k, pack the tile's B block, then for each MC block of rows pack A and run
/// the micro-kernel over every MR × NR micro-tile. Tiles are independent: any thread may run any.
/// </summary>
internal static unsafe class GemmDriver
{
    public static void RunTile(GemmJob job, int tile, GemmWorkspace workspace)
    {
        if (job.RowKernel)
        {
            int first = tile * job.TileColumns;
            GemmRowKernel.Multiply(job.Path, job.N, job.K, job.A, job.B, job.C, job.Accumulate, first, Math.Min(job.N, first + job.TileColumns));
            return;
        }
        switch (job.Path)
        {
            case GemmPath.Vector512: RunTile<Vector512<float>, Vector512Lane>(job, tile, workspace); break;
            case GemmPath.Vector256: RunTile<Vector256<float>, Vector256Lane>(job, tile, workspace); break;
            case GemmPath.Vector128: RunTile<Vector128<float>, Vector128Lane>(job, tile, workspace); break;
            default: RunTile<float, ScalarLane>(job, tile, workspace); break;
        }
    }

    private static void RunTile<TVector, TLane>(GemmJob job, int tile, GemmWorkspace workspace)
        where TVector : unmanaged
        where TLane : struct, IGemmLane<TVector>
    {
        int mr = TLane.Rows, nr = 2 * TLane.Width;
        int m = job.M, n = job.N, k = job.K;
        int r0 = tile / job.ColumnTiles * job.TileRows, r1 = Math.Min(m, r0 + job.TileRows);
        int j0 = tile % job.ColumnTiles * job.TileColumns, j1 = Math.Min(n, j0 + job.TileColumns);
        float* packedA = workspace.A, packedB = workspace.B;
        fixed (float* a = job.A, b = job.B, c = job.C)
        {
            for (int pc = 0; pc < k; pc += KC)
            {
                int kc = Math.Min(KC, k - pc);
                bool overwrite = pc == 0 && !job.Accumulate;
                if (!job.DirectB) PackB(job, b, pc, kc, j0, j1, nr, packedB);
                for (int ic = r0; ic < r1; ic += MC)
                {
                    int mc = Math.Min(MC, r1 - ic);
                    PackA(job, a, pc, kc, ic, mc, mr, packedA);
                    for (int jr = j0; jr < j1; jr += nr)
                    {
                        int columns = Math.Min(nr, j1 - jr);
                        float* sliver;
                        nint ldb;
                        if (!job.DirectB) { sliver = packedB + (nint)(jr - j0) * kc; ldb = nr; }
                        else if (columns == nr) { sliver = b + (nint)pc * n + jr; ldb = n; }
                        else
                        {
                            GemmPacking.CopyRows(b + (nint)pc * n + jr, n, columns, kc, workspace.Edge, nr);
                            sliver = workspace.Edge;
                            ldb = nr;
                        }
                        for (int ir = ic; ir < ic + mc; ir += mr)
                        {
                            int rows = Math.Min(mr, ic + mc - ir);
                            float* aSliver = packedA + (nint)(ir - ic) * kc;
                            float* cTile = c + (nint)ir * n + jr;
                            if (columns == nr)
                            {
                                Kernel<TVector, TLane>(rows, kc, aSliver, sliver, ldb, cTile, n, overwrite);
                            }
                            else
                            {
                                Kernel<TVector, TLane>(rows, kc, aSliver, sliver, ldb, workspace.Tile, nr, overwrite: true);
                                Merge(workspace.Tile, nr, rows, columns, cTile, n, overwrite);
                            }
                        }
                    }
                }
            }
        }
    }

    // Packs A[ic .. ic+mc, pc .. pc+kc] into MR-row slivers.
    private static void PackA(GemmJob job, float* a, int pc, int kc, int ic, int mc, int mr, float* packed)
    {
        for (int s = 0; s < mc; s += mr)
        {
            int rows = Math.Min(mr, mc - s);
            float* destination = packed + (nint)s * kc;
            if (job.TransposeA) GemmPacking.CopyRows(a + (nint)pc * job.M + ic + s, job.M, rows, kc, destination, mr); // A stored [k × m]
            else GemmPacking.Interleave(a + (nint)(ic + s) * job.K + pc, job.K, rows, kc, destination, mr);         // A stored [m × k]
        }
    }

    // Packs B[pc .. pc+kc, j0 .. j1] into NR-column slivers, zero-padding the last.
    private static void PackB(GemmJob job, float* b, int pc, int kc, int j0, int j1, int nr, float* packed)
    {
        for (int j = j0; j < j1; j += nr)
        {
            int columns = Math.Min(nr, j1 - j);
            float* destination = packed + (nint)(j - j0) * kc;
            if (job.TransposeB)
            {
                GemmPacking.Interleave(b + (nint)j * job.K + pc, job.K, columns, kc, destination, nr); // B stored [n × k]
                GemmPacking.ClearColumns(destination, columns, kc, nr);
            }
            else GemmPacking.CopyRows(b + (nint)pc * job.N + j, job.N, columns, kc, destination, nr); // B stored [k × n]
        }
    }

    // C = T or C += T for the valid part of an edge micro-tile.
    private static void Merge(float* tile, int ldt, int rows, int columns, float* c, int ldc, bool overwrite)
    {
        for (int r = 0; r < rows; r++)
        {
            var source = new ReadOnlySpan<float>(tile + (nint)r * ldt, columns);
            var destination = new Span<float>(c + (nint)r * ldc, columns);
            if (overwrite) source.CopyTo(destination);
            else System.Numerics.Tensors.TensorPrimitives.Add(destination, source, destination);
        }
    }

    private static void Kernel<TVector, TLane>(int rows, int kc, float* a, float* b, nint ldb, float* c, nint ldc, bool overwrite)
        where TVector : unmanaged
        where TLane : struct, IGemmLane<TVector>
    {
        switch (rows)
        {
            case 1: GemmMicroKernel.Run<TVector, TLane, GemmRows.R1>(kc, a, b, ldb, c, ldc, overwrite); break;
            case 2: GemmMicroKernel.Run<TVector, TLane, GemmRows.R2>(kc, a, b, ldb, c, ldc, overwrite); break;
            case 3: GemmMicroKernel.Run<TVector, TLane, GemmRows.R3>(kc, a, b, ldb, c, ldc, overwrite); break;
            case 4: GemmMicroKernel.Run<TVector, TLane, GemmRows.R4>(kc, a, b, ldb, c, ldc, overwrite); break;
            case 5: GemmMicroKernel.Run<TVector, TLane, GemmRows.R5>(kc, a, b, ldb, c, ldc, overwrite); break;
            case 6: GemmMicroKernel.Run<TVector, TLane, GemmRows.R6>(kc, a, b, ldb, c, ldc, overwrite); break;
            case 7: GemmMicroKernel.Run<TVector, TLane, GemmRows.R7>(kc, a, b, ldb, c, ldc, overwrite); break;
            default: GemmMicroKernel.Run<TVector, TLane, GemmRows.R8>(kc, a, b, ldb, c, ldc, overwrite); break;
        }
    }
}
