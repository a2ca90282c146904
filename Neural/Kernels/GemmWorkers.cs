using System.Diagnostics;

namespace MLExt.Neural.Kernels;

/// <summary>
/// The kernels' helper threads (GEMM tiles, optimiser chunks): one fewer than the cores, started on first use. Each waits for a job
/// in its own slot, spinning for <see cref="SpinSeconds"/> after its last job (GEMMs in a training
/// step come back to back, and waking a sleeping thread costs more than a small GEMM) and then
/// sleeping on an event. Posting is lock-free; a busy helper is simply not posted to, and the
/// caller does more tiles itself.
/// </summary>
internal static class GemmWorkers
{
    private const double SpinSeconds = 200e-6;
    private static readonly Lazy<Worker[]> Workers = new(Start);

    /// <summary>Helper threads available (cores − 1).</summary>
    public static int Count => Math.Max(0, Environment.ProcessorCount - 1);

    /// <summary>
    /// Offers <paramref name="job"/> to up to <paramref name="helpers"/> idle helpers; returns how many
    /// took it. Each that took it will call <see cref="IWorkerJob.Work"/> then <see cref="IWorkerJob.Release"/>.
    /// </summary>
    public static int Post(IWorkerJob job, int helpers)
    {
        if (helpers <= 0) return 0;
        int posted = 0;
        foreach (var worker in Workers.Value)
        {
            if (posted == helpers) break;
            if (worker.TryPost(job)) posted++;
        }
        return posted;
    }

    private static Worker[] Start()
    {
        var workers = new Worker[Count];
        for (int i = 0; i < workers.Length; i++) workers[i] = new Worker(i);
        return workers;
    }

    private sealed class Worker
    {
        private readonly ManualResetEventSlim _signal = new(false);
        private IWorkerJob? _slot;

        public Worker(int index)
        {
            var thread = new Thread(Loop) { IsBackground = true, Name = $"MLExt GEMM worker {index + 1}" };
            thread.Start();
        }

        public bool TryPost(IWorkerJob job)
        {
            if (Interlocked.CompareExchange(ref _slot, job, null) is not null) return false;
            _signal.Set();
            return true;
        }

        private void Loop()
        {
            while (true)
            {
                var job = Interlocked.Exchange(ref _slot, null);
                if (job is not null)
                {
                    job.Work();
                    job.Release();
                    continue;
                }
                long start = Stopwatch.GetTimestamp();
                while (Volatile.Read(ref _slot) is null && Stopwatch.GetElapsedTime(start).TotalSeconds < SpinSeconds)
                    Thread.SpinWait(32);
                if (Volatile.Read(ref _slot) is null) _signal.Wait();
                _signal.Reset(); // before taking the slot, so that a post after this point sets it again
            }
        }
    }
}
