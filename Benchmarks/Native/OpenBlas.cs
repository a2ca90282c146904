using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace MLExt.Benchmarks.Native;

/// <summary>
/// OpenBLAS's <c>cblas_sgemm</c> through P/Invoke, as the reference the GEMM figures are compared with.
/// The library is looked up at run time (Debian: <c>apt-get install libopenblas0-pthread</c>); when it
/// is missing, <see cref="TryLoad"/> says so and the suites report MLExt's figures alone. On a CPU
/// with AVX-512 the reference runs OpenBLAS's AVX-512 kernels (<c>OPENBLAS_CORETYPE=SkylakeX</c>, set in
/// the native environment before the library loads, unless the variable is already set): older
/// OpenBLAS releases (Debian 12's 0.3.21) do not recognise Zen 4/5 and would otherwise run their AVX2
/// kernels, a weaker reference than the machine allows.
/// </summary>
internal sealed unsafe class OpenBlas
{
    private const int RowMajor = 101, NoTrans = 111, Trans = 112;

    private static readonly string[] Candidates =
    [
        "libopenblas.so.0",
        "/usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblas.so.0",
        "/usr/lib/aarch64-linux-gnu/openblas-pthread/libopenblas.so.0",
        "libopenblas.so",
        "libopenblas.dylib",
        "libopenblas.dll",
    ];

    private readonly delegate* unmanaged<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void> _sgemm;
    private readonly delegate* unmanaged<int, void> _setThreads;
    private readonly delegate* unmanaged<int> _getThreads;

    private OpenBlas(nint library, string path)
    {
        Path = path;
        _sgemm = (delegate* unmanaged<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void>)NativeLibrary.GetExport(library, "cblas_sgemm");
        _setThreads = NativeLibrary.TryGetExport(library, "openblas_set_num_threads", out var set) ? (delegate* unmanaged<int, void>)set : null;
        _getThreads = NativeLibrary.TryGetExport(library, "openblas_get_num_threads", out var get) ? (delegate* unmanaged<int>)get : null;
        Core = NativeLibrary.TryGetExport(library, "openblas_get_corename", out var core)
            ? Marshal.PtrToStringAnsi(((delegate* unmanaged<nint>)core)()) ?? "" : "";
        Config = NativeLibrary.TryGetExport(library, "openblas_get_config", out var config)
            ? Marshal.PtrToStringAnsi(((delegate* unmanaged<nint>)config)()) ?? "" : "";
    }

    /// <summary>The file that was loaded.</summary>
    public string Path { get; }

    /// <summary>The kernel set OpenBLAS chose for this CPU (for example <c>Haswell</c>).</summary>
    public string Core { get; }

    /// <summary>OpenBLAS's build description (version, threading).</summary>
    public string Config { get; }

    /// <summary>OpenBLAS's thread count.</summary>
    public int Threads
    {
        get => _getThreads is null ? 0 : _getThreads();
        set { if (_setThreads is not null) _setThreads(value); }
    }

    /// <summary>The core type this process asked OpenBLAS for (<c>SkylakeX</c> on AVX-512), or null when it left the choice to OpenBLAS.</summary>
    public static string? RequestedCore { get; private set; }

    /// <summary>Loads OpenBLAS, or returns null with a message saying what is missing and how to install it.</summary>
    public static OpenBlas? TryLoad(out string message)
    {
        // Read by OpenBLAS's constructor when the library loads, so set before the first load in this process.
        if (Avx512F.IsSupported && Environment.GetEnvironmentVariable("OPENBLAS_CORETYPE") is null && NativeEnvironment.Set("OPENBLAS_CORETYPE", "SkylakeX"))
            RequestedCore = "SkylakeX";
        foreach (var candidate in Candidates)
        {
            if (!NativeLibrary.TryLoad(candidate, out var library)) continue;
            if (!NativeLibrary.TryGetExport(library, "cblas_sgemm", out _)) continue;
            var blas = new OpenBlas(library, candidate);
            message = $"OpenBLAS loaded from {candidate}; kernels: {blas.Core}"
                + (RequestedCore is null ? " (its own choice)." : $" (asked for {RequestedCore} with OPENBLAS_CORETYPE).");
            return blas;
        }
        message = "OpenBLAS was not found, so the GEMM figures have no reference column. Install it for the comparison: "
            + "on Debian or Ubuntu, `apt-get install libopenblas0-pthread` (looked for: " + string.Join(", ", Candidates) + ").";
        return null;
    }

    /// <summary>C[m×n] = op(A)·op(B) (+ C when <paramref name="accumulate"/>), row-major, same convention as MLExt's GEMM.</summary>
    public void Multiply(bool transposeA, bool transposeB, int m, int n, int k, float[] a, float[] b, float[] c, bool accumulate)
    {
        fixed (float* pa = a, pb = b, pc = c)
        {
            _sgemm(RowMajor, transposeA ? Trans : NoTrans, transposeB ? Trans : NoTrans, m, n, k, 1f,
                pa, transposeA ? m : k, pb, transposeB ? k : n, accumulate ? 1f : 0f, pc, n);
        }
    }
}
