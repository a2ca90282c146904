using MLExt.Neural.Kernels;

namespace MLExt.Neural;

/// <summary>
/// A fixed partition of a parameter list into chunks of at most <see cref="ChunkLength"/> values
/// (never crossing a parameter), the unit of parallel work of an optimiser step and of the gradient
/// norm. The partition depends only on the parameters' sizes, never on the number of threads, and
/// each chunk keeps its own result (finiteness, partial sum of squares) which the caller combines in
/// chunk order: results are the same bits on one thread or many. Built once per parameter list and
/// reused, so a step allocates nothing.
/// </summary>
internal sealed class ParameterChunks : IChunkWork
{
    /// <summary>Values per chunk: a multiple of every vector width, and four float arrays of it fit in L2.</summary>
    public const int ChunkLength = 16384;

    private readonly int[] _parameter, _start, _length, _sizes;
    private readonly bool[] _finite;
    private readonly double[] _sumOfSquares;
    private IReadOnlyList<Parameter> _parameters;
    private Optimizer? _optimizer;
    private float _gradientScale;

    private ParameterChunks(IReadOnlyList<Parameter> parameters)
    {
        _parameters = parameters;
        _sizes = parameters.Select(p => p.Value.Length).ToArray();
        int count = _sizes.Sum(ChunksOf);
        (_parameter, _start, _length) = (new int[count], new int[count], new int[count]);
        int chunk = 0;
        for (int i = 0; i < _sizes.Length; i++)
            for (int start = 0; start < _sizes[i]; start += ChunkLength, chunk++)
                (_parameter[chunk], _start[chunk], _length[chunk]) = (i, start, Math.Min(ChunkLength, _sizes[i] - start));
        _finite = new bool[count];
        _sumOfSquares = new double[count];
        TotalLength = _sizes.Sum(s => (long)s);
    }

    /// <summary>Number of chunks.</summary>
    public int Count => _parameter.Length;

    /// <summary>Number of values over all parameters.</summary>
    public long TotalLength { get; }

    /// <summary>The chunks of <paramref name="parameters"/>: <paramref name="cached"/> when its sizes still match, else new ones.</summary>
    public static ParameterChunks For(IReadOnlyList<Parameter> parameters, ParameterChunks? cached)
    {
        if (cached is not null && cached._sizes.Length == parameters.Count)
        {
            bool same = true;
            for (int i = 0; i < parameters.Count && same; i++) same = cached._sizes[i] == parameters[i].Value.Length;
            if (same)
            {
                cached._parameters = parameters;
                return cached;
            }
        }
        return new ParameterChunks(parameters);
    }

    /// <summary>
    /// Runs <paramref name="optimizer"/>'s update over every chunk on up to <paramref name="maxThreads"/> threads.
    /// </summary>
    /// <returns>The position of the first parameter with a NaN or infinite value after the step, or −1.</returns>
    public int Update(Optimizer optimizer, float gradientScale, int maxThreads)
    {
        (_optimizer, _gradientScale) = (optimizer, gradientScale);
        try
        {
            ChunkJob.Run(this, Count, ThreadsFor(maxThreads));
        }
        finally
        {
            _optimizer = null;
        }
        for (int chunk = 0; chunk < Count; chunk++)
            if (!_finite[chunk]) return _parameter[chunk];
        return -1;
    }

    /// <summary>Σ g² over every gradient value, in double: one partial sum per chunk, added in chunk order.</summary>
    public double GradientSumOfSquares(int maxThreads)
    {
        ChunkJob.Run(this, Count, ThreadsFor(maxThreads));
        double sum = 0;
        for (int chunk = 0; chunk < Count; chunk++) sum += _sumOfSquares[chunk];
        return sum;
    }

    /// <inheritdoc/>
    /// <remarks>Updates the chunk while <see cref="Update"/> runs (an optimiser is set), else sums its squared gradients.</remarks>
    public void Run(int chunk)
    {
        var parameter = _parameters[_parameter[chunk]];
        if (_optimizer is { } optimizer)
            _finite[chunk] = optimizer.UpdateChunk(parameter, _parameter[chunk], _start[chunk], _length[chunk], _gradientScale);
        else
            _sumOfSquares[chunk] = SumOfSquaresKernel.Of(parameter.Gradient.Span.Slice(_start[chunk], _length[chunk]));
    }

    /// <summary>Splits only when there is enough work to pay for waking a helper.</summary>
    private int ThreadsFor(int maxThreads) => TotalLength < 4 * ChunkLength ? 1 : maxThreads;

    private static int ChunksOf(int size) => (size + ChunkLength - 1) / ChunkLength;
}
