using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MLExt.Benchmarks.Reporting;

/// <summary>
/// The machine's measured single-precision FMA peak: every thread runs 16 independent chains of
/// fused multiply-adds on the widest vectors the CPU has (enough chains to cover the FMA latency on
/// two pipes), with no memory traffic. The figure every GEMM rate is read against as the physical limit.
/// </summary>
internal static class FmaPeak
{
    private const int Chains = 16;

    /// <summary>The vector width the probe uses, in bits.</summary>
    public static int VectorBits => Vector512.IsHardwareAccelerated && Avx512F.IsSupported ? 512 : Fma.IsSupported ? 256 : 128;

    /// <summary>GFLOP/s of <paramref name="threads"/> threads each running FMAs for about <paramref name="seconds"/>.</summary>
    public static double Measure(int threads, double seconds)
    {
        long iterations = Calibrate(seconds);
        var elapsed = new double[threads];
        using var start = new Barrier(threads);
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            start.SignalAndWait();
            long begin = Stopwatch.GetTimestamp();
            Run(iterations);
            elapsed[t] = Stopwatch.GetElapsedTime(begin).TotalSeconds;
        }) { IsBackground = true }).ToArray();
        foreach (var worker in workers) worker.Start();
        foreach (var worker in workers) worker.Join();
        double flopsPerThread = 2.0 * Chains * (VectorBits / 32) * iterations;
        return elapsed.Sum(s => flopsPerThread / s) / 1e9;
    }

    // Iterations lasting about `seconds` on one thread.
    private static long Calibrate(double seconds)
    {
        long iterations = 1 << 16;
        while (true)
        {
            long begin = Stopwatch.GetTimestamp();
            Run(iterations);
            double took = Stopwatch.GetElapsedTime(begin).TotalSeconds;
            if (took >= seconds / 4) return (long)(iterations * seconds / took);
            iterations *= 4;
        }
    }

    private static float Run(long iterations) => VectorBits switch
    {
        512 => Run512(iterations),
        256 => Run256(iterations),
        _ => Run128(iterations),
    };

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static float Run512(long iterations)
    {
        var a = Vector512.Create(0.999999f);
        var b = Vector512.Create(1e-7f);
        Vector512<float> c0 = a, c1 = a, c2 = a, c3 = a, c4 = a, c5 = a, c6 = a, c7 = a;
        Vector512<float> c8 = a, c9 = a, c10 = a, c11 = a, c12 = a, c13 = a, c14 = a, c15 = a;
        for (long i = 0; i < iterations; i++)
        {
            c0 = Avx512F.FusedMultiplyAdd(c0, a, b); c1 = Avx512F.FusedMultiplyAdd(c1, a, b);
            c2 = Avx512F.FusedMultiplyAdd(c2, a, b); c3 = Avx512F.FusedMultiplyAdd(c3, a, b);
            c4 = Avx512F.FusedMultiplyAdd(c4, a, b); c5 = Avx512F.FusedMultiplyAdd(c5, a, b);
            c6 = Avx512F.FusedMultiplyAdd(c6, a, b); c7 = Avx512F.FusedMultiplyAdd(c7, a, b);
            c8 = Avx512F.FusedMultiplyAdd(c8, a, b); c9 = Avx512F.FusedMultiplyAdd(c9, a, b);
            c10 = Avx512F.FusedMultiplyAdd(c10, a, b); c11 = Avx512F.FusedMultiplyAdd(c11, a, b);
            c12 = Avx512F.FusedMultiplyAdd(c12, a, b); c13 = Avx512F.FusedMultiplyAdd(c13, a, b);
            c14 = Avx512F.FusedMultiplyAdd(c14, a, b); c15 = Avx512F.FusedMultiplyAdd(c15, a, b);
        }
        // The sum keeps every chain alive.
        return Vector512.Sum(c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11 + c12 + c13 + c14 + c15);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static float Run256(long iterations)
    {
        var a = Vector256.Create(0.999999f);
        var b = Vector256.Create(1e-7f);
        Vector256<float> c0 = a, c1 = a, c2 = a, c3 = a, c4 = a, c5 = a, c6 = a, c7 = a;
        Vector256<float> c8 = a, c9 = a, c10 = a, c11 = a, c12 = a, c13 = a, c14 = a, c15 = a;
        for (long i = 0; i < iterations; i++)
        {
            c0 = Fma.MultiplyAdd(c0, a, b); c1 = Fma.MultiplyAdd(c1, a, b);
            c2 = Fma.MultiplyAdd(c2, a, b); c3 = Fma.MultiplyAdd(c3, a, b);
            c4 = Fma.MultiplyAdd(c4, a, b); c5 = Fma.MultiplyAdd(c5, a, b);
            c6 = Fma.MultiplyAdd(c6, a, b); c7 = Fma.MultiplyAdd(c7, a, b);
            c8 = Fma.MultiplyAdd(c8, a, b); c9 = Fma.MultiplyAdd(c9, a, b);
            c10 = Fma.MultiplyAdd(c10, a, b); c11 = Fma.MultiplyAdd(c11, a, b);
            c12 = Fma.MultiplyAdd(c12, a, b); c13 = Fma.MultiplyAdd(c13, a, b);
            c14 = Fma.MultiplyAdd(c14, a, b); c15 = Fma.MultiplyAdd(c15, a, b);
        }
        return Vector256.Sum(c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11 + c12 + c13 + c14 + c15);
    }

    // Without FMA hardware: a multiply and an add per step, counted as two operations like an FMA.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static float Run128(long iterations)
    {
        var a = Vector128.Create(0.999999f);
        var b = Vector128.Create(1e-7f);
        Vector128<float> c0 = a, c1 = a, c2 = a, c3 = a, c4 = a, c5 = a, c6 = a, c7 = a;
        Vector128<float> c8 = a, c9 = a, c10 = a, c11 = a, c12 = a, c13 = a, c14 = a, c15 = a;
        for (long i = 0; i < iterations; i++)
        {
            c0 = c0 * a + b; c1 = c1 * a + b; c2 = c2 * a + b; c3 = c3 * a + b;
            c4 = c4 * a + b; c5 = c5 * a + b; c6 = c6 * a + b; c7 = c7 * a + b;
            c8 = c8 * a + b; c9 = c9 * a + b; c10 = c10 * a + b; c11 = c11 * a + b;
            c12 = c12 * a + b; c13 = c13 * a + b; c14 = c14 * a + b; c15 = c15 * a + b;
        }
        return Vector128.Sum(c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11 + c12 + c13 + c14 + c15);
    }
}
