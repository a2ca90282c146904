using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using System.Text.Json.Nodes;
using MLExt.Neural.Kernels;

namespace MLExt.Benchmarks.Reporting;

/// <summary>What the figures were measured on.</summary>
internal static class Machine
{
    /// <summary>Logical cores .NET sees.</summary>
    public static int Cores => Environment.ProcessorCount;

    /// <summary>The CPU model from /proc/cpuinfo (Linux), or the architecture elsewhere.</summary>
    public static string CpuModel { get; } = ReadCpuModel();

    /// <summary>Vector instruction sets relevant to the GEMM.</summary>
    public static string VectorSupport =>
        string.Join(" ", new[]
        {
            Avx2.IsSupported ? "AVX2" : null, Fma.IsSupported ? "FMA" : null, Avx512F.IsSupported ? "AVX-512F" : null,
            Vector512.IsHardwareAccelerated ? "(Vector512 accelerated)" : null,
        }.Where(s => s is not null));

    /// <summary>One line for the console.</summary>
    public static string Describe() =>
        $"{CpuModel}, {Cores} cores, {VectorSupport}; .NET {Environment.Version}; MLExt GEMM lane {Gemm.BestPath}";

    /// <summary>The same as JSON.</summary>
    public static JsonObject ToJson() => new()
    {
        ["cpu"] = CpuModel,
        ["cores"] = Cores,
        ["vectorSupport"] = VectorSupport,
        ["dotnet"] = Environment.Version.ToString(),
        ["os"] = RuntimeInformation.OSDescription,
        ["gemmLane"] = Gemm.BestPath.ToString(),
    };

    private static string ReadCpuModel()
    {
        try
        {
            if (File.Exists("/proc/cpuinfo"))
                foreach (var line in File.ReadLines("/proc/cpuinfo"))
                    if (line.StartsWith("model name", StringComparison.Ordinal))
                        return line[(line.IndexOf(':') + 1)..].Trim();
        }
        catch (IOException)
        {
        }
        return RuntimeInformation.ProcessArchitecture.ToString();
    }
}
