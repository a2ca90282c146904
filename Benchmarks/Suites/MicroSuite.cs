using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using MLExt.Benchmarks.Micro;

namespace MLExt.Benchmarks.Suites;

/// <summary>BenchmarkDotNet's statistics for the GEMM (in-process, so no project is rebuilt per benchmark).</summary>
internal static class MicroSuite
{
    public static void Run()
    {
        var config = DefaultConfig.Instance
            .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
            .WithOptions(ConfigOptions.DisableOptimizationsValidator);
        BenchmarkRunner.Run<GemmBenchmarks>(config);
    }
}
