namespace MLExt.Neural.Kernels;

/// <summary>
/// Runs the chunks of an <see cref="IChunkWork"/> on the calling thread and up to cores − 1 of
/// <see cref="GemmWorkers"/>' helpers, which claim chunk numbers from a shared counter (as the GEMM's
/// tiles). The partition into chunks is the caller's and fixed, so which thread runs a chunk changes
/// nothing in the result. Jobs are pooled and counted by reference (a helper may start after the caller
/// has finished), so a run allocates nothing once the pool is warm.
/// </summary>
internal sealed class ChunkJob : IWorkerJob
{
    private static readonly ChunkJob?[] Pool = new ChunkJob?[Math.Max(4, 2 * Environment.ProcessorCount)];
    private IChunkWork? _work;
    private int _count, _next, _done, _references;
    private Exception? _error;

    /// <summary>
    /// Runs chunks 0 … <paramref name="count"/> − 1 of <paramref name="work"/> on at most
    /// <paramref name="maxThreads"/> threads (the caller included) and returns when all are done.
    /// </summary>
    /// <exception cref="InvalidOperationException">A chunk threw (the first exception is the inner one).</exception>
    public static void Run(IChunkWork work, int count, int maxThreads)
    {
        int helpers = Math.Clamp(maxThreads - 1, 0, Math.Min(count - 1, GemmWorkers.Count));
        if (helpers == 0)
        {
            for (int chunk = 0; chunk < count; chunk++) work.Run(chunk);
            return;
        }
        var job = Rent();
        job._work = work;
        job._count = count;
        job.Run(helpers);
    }

    private void Run(int helpers)
    {
        _next = 0;
        _done = 0;
        _error = null;
        _references = helpers + 1;
        int posted = GemmWorkers.Post(this, helpers);
        if (posted < helpers) Interlocked.Add(ref _references, posted - helpers);
        Work();
        if (Volatile.Read(ref _done) < _count)
        {
            var spin = new SpinWait();
            while (Volatile.Read(ref _done) < _count) spin.SpinOnce(sleep1Threshold: -1);
        }
        var error = _error;
        Release();
        if (error is not null) throw new InvalidOperationException("A chunk of parallel work failed.", error);
    }

    /// <inheritdoc/>
    public void Work()
    {
        int chunk;
        while ((chunk = Interlocked.Increment(ref _next) - 1) < _count)
        {
            try
            {
                _work!.Run(chunk);
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref _error, e, null);
            }
            Interlocked.Increment(ref _done);
        }
    }

    /// <inheritdoc/>
    public void Release()
    {
        if (Interlocked.Decrement(ref _references) != 0) return;
        _work = null;
        for (int i = 0; i < Pool.Length; i++)
            if (Interlocked.CompareExchange(ref Pool[i], this, null) is null) return;
    }

    private static ChunkJob Rent()
    {
        for (int i = 0; i < Pool.Length; i++)
        {
            var job = Interlocked.Exchange(ref Pool[i], null);
            if (job is not null) return job;
        }
        return new ChunkJob();
    }
}
