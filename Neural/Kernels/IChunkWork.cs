namespace MLExt.Neural.Kernels;

/// <summary>
/// Work cut into numbered chunks that <see cref="ChunkJob"/> runs on several threads. A chunk's
/// result must not depend on which thread runs it or on the other chunks, so that the whole does not
/// depend on the number of threads (a reduction keeps one partial result per chunk and combines them
/// in chunk order afterwards).
/// </summary>
internal interface IChunkWork
{
    /// <summary>Runs chunk <paramref name="chunk"/>; several chunks run at once on different threads.</summary>
    void Run(int chunk);
}
