using BenchmarkDotNet.Attributes;
using MLExt.Benchmarks.Native;
using MLExt.Neural;
using MLExt.Neural.Kernels;

namespace MLExt.Benchmarks.Micro;

/// <summary>
/// BenchmarkDotNet micro-benchmarks of square GEMMs on every lane this CPU runs, next to OpenBLAS
/// when it is installed (its benchmark then reports an error instead of a time).
/// </summary>
[MemoryDiagnoser]
public class GemmBenchmarks
{
    private OpenBlas? _blas;
    private float[] _a = [], _b = [], _c = [];

    [Params(128, 1024)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _blas = OpenBlas.TryLoad(out _);
        var random = new RandomSource(Size);
        _a = new float[Size * Size];
        _b = new float[Size * Size];
        _c = new float[Size * Size];
        for (int i = 0; i < _a.Length; i++) (_a[i], _b[i]) = (random.NextFloat(), random.NextFloat());
    }

    [Benchmark(Baseline = true)]
    public void OpenBlasSgemm()
    {
        if (_blas is null) throw new InvalidOperationException("OpenBLAS is not installed (apt-get install libopenblas0-pthread).");
        _blas.Multiply(false, false, Size, Size, Size, _a, _b, _c, accumulate: false);
    }

    [Benchmark]
    public void MLExtBest() => Gemm.Multiply(transposeA: false, transposeB: false, Size, Size, Size, _a, _b, _c, accumulate: false);

    [Benchmark]
    public void MLExtVector256()
    {
        if (!Gemm.IsSupported(GemmPath.Vector256)) throw new PlatformNotSupportedException("No 256-bit vectors here.");
        Gemm.Multiply(transposeA: false, transposeB: false, Size, Size, Size, _a, _b, _c, accumulate: false, GemmPath.Vector256, Environment.ProcessorCount);
    }

    [Benchmark]
    public void MLExtOneThread() => Gemm.Multiply(transposeA: false, transposeB: false, Size, Size, Size, _a, _b, _c, accumulate: false, Gemm.BestPath, 1);
}
