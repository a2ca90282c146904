namespace MLExt.Neural.Kernels;

/// <summary>
/// A job that <see cref="GemmWorkers"/>' helper threads can take: each helper that took it calls
/// <see cref="Work"/> (claim and run parts until none is left) and then <see cref="Release"/>.
/// </summary>
internal interface IWorkerJob
{
    /// <summary>Claims and runs parts of the job until none is left.</summary>
    void Work();

    /// <summary>Drops the helper's reference to the job.</summary>
    void Release();
}
