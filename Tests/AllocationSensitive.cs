namespace MLExt.Tests;

/// <summary>
/// Tests that count managed bytes with <see cref="GC.GetTotalAllocatedBytes(bool)"/>, which sees every
/// thread: they run alone, after the parallel tests, so that no other test's allocations are counted.
/// </summary>
[CollectionDefinition(nameof(AllocationSensitive), DisableParallelization = true)]
public sealed class AllocationSensitive;
