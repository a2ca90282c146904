using MLExt.Benchmarks.Reporting;

namespace MLExt.Benchmarks.Suites;

internal static class TrainMlpSuite
{
    public static void Run(SuiteReport report, bool quick, int repeats) => throw new InvalidOperationException("wip");
}
