namespace MLExt.Neural.Kernels;

/// <summary>A small lock-free pool of <see cref="GemmJob"/>s (and so of their packing workspaces).</summary>
internal static class GemmJobPool
{
    private static readonly GemmJob?[] Jobs = new GemmJob?[Math.Max(4, 2 * Environment.ProcessorCount)];

    public static GemmJob Rent()
    {
        for (int i = 0; i < Jobs.Length; i++)
        {
            var job = Interlocked.Exchange(ref Jobs[i], null);
            if (job is not null) return job;
        }
        return new GemmJob();
    }

    public static void Return(GemmJob job)
    {
        for (int i = 0; i < Jobs.Length; i++)
            if (Interlocked.CompareExchange(ref Jobs[i], job, null) is null) return;
    }
}
