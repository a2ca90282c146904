using MLExt.Neural;

namespace MLExt.AutoML;

/// <summary>
/// Grid search: every combination of a few levels per active parameter (conditional parameters only
/// where active), in a seeded random order so that a search stopped early still covers the grid evenly.
/// Floats get <c>pointsPerDimension</c> levels from min to max (evenly in log space for log floats),
/// integers at most that many distinct values, choices every choice. Once the grid is exhausted the
/// tuner continues on the next finer grid (2n − 1 levels, which contains the old levels), skipping
/// points already proposed; when a fully discrete space has been enumerated it proposes it again in a
/// new order.
/// </summary>
public sealed class GridSearchTuner : ITuner
{
    /// <summary>The largest grid the tuner enumerates.</summary>
    public const int MaxGridSize = 1_000_000;

    private readonly SearchSpace _space;
    private readonly RandomSource _random;
    private readonly TrialLedger _ledger = new();
    private readonly HashSet<Parameters> _proposed = [];
    private readonly bool _shuffle;
    private int _levels;
    private List<Parameters> _queue;
    private int _next;

    /// <summary>Creates a grid search over <paramref name="space"/>.</summary>
    /// <param name="space">The search space.</param>
    /// <param name="seed">Seeds the order of the grid points.</param>
    /// <param name="pointsPerDimension">Levels per float (and at most per integer) parameter, at least 2.</param>
    /// <param name="shuffle">Visit points in a seeded random order (true) or in lexicographic order.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pointsPerDimension"/> is below 2.</exception>
    /// <exception cref="ArgumentException">The grid has more than <see cref="MaxGridSize"/> points.</exception>
    public GridSearchTuner(SearchSpace space, int seed, int pointsPerDimension = 5, bool shuffle = true)
    {
        _space = space ?? throw new ArgumentNullException(nameof(space));
        if (pointsPerDimension < 2) throw new ArgumentOutOfRangeException(nameof(pointsPerDimension), pointsPerDimension, "A grid needs at least 2 points per dimension.");
        _random = new RandomSource(seed);
        _shuffle = shuffle;
        _levels = pointsPerDimension;
        _queue = Enumerate(_levels) ?? throw new ArgumentException($"A grid of {pointsPerDimension} points per dimension over this space has more than {MaxGridSize} points; lower pointsPerDimension.", nameof(pointsPerDimension));
        GridSize = _queue.Count;
        Order(_queue);
    }

    /// <inheritdoc />
    public string Name => "grid";

    /// <summary>The number of points of the initial grid.</summary>
    public int GridSize { get; }

    /// <inheritdoc />
    public TrialSuggestion Propose()
    {
        while (_next == _queue.Count) Refill();
        var point = _queue[_next++];
        _proposed.Add(point);
        return _ledger.Add(new TrialSuggestion(_ledger.NextId, point, null));
    }

    /// <inheritdoc />
    public bool ShouldPrune(int trialId, int step, double value) => false;

    /// <inheritdoc />
    public void Report(TrialOutcome outcome) => _ledger.Complete(outcome);

    private void Refill()
    {
        var finer = Enumerate(2 * _levels - 1);
        if (finer is not null)
        {
            _levels = 2 * _levels - 1;
            finer.RemoveAll(_proposed.Contains);
        }
        if (finer is null || finer.Count == 0)
        {
            finer = Enumerate(_levels)!;
            _proposed.Clear();
        }
        _queue = finer;
        _next = 0;
        Order(_queue);
    }

    private void Order(List<Parameters> points)
    {
        if (!_shuffle) return;
        for (int i = points.Count - 1; i > 0; i--)
        {
            int j = _random.NextInt(i + 1);
            (points[i], points[j]) = (points[j], points[i]);
        }
    }

    /// <summary>Every grid point with <paramref name="levels"/> levels per float, or null if more than <see cref="MaxGridSize"/>.</summary>
    private List<Parameters>? Enumerate(int levels)
    {
        var descriptors = _space.Descriptors;
        var values = descriptors.Select(d => Levels(d, levels)).ToArray();
        var points = new List<Parameters>();
        var current = new List<KeyValuePair<string, object>>();
        return Walk(0) ? points : null;

        bool Walk(int index)
        {
            if (index == descriptors.Count)
            {
                if (points.Count == MaxGridSize) return false;
                points.Add(new Parameters(current));
                return true;
            }
            var d = descriptors[index];
            if (d.Condition is { } c && !current.Any(p => p.Key == c.Parameter && c.IsSatisfiedBy(p.Value)))
                return Walk(index + 1);
            foreach (var value in values[index])
            {
                current.Add(new(d.Name, value));
                bool ok = Walk(index + 1);
                current.RemoveAt(current.Count - 1);
                if (!ok) return false;
            }
            return true;
        }
    }

    private static List<object> Levels(ParameterDescriptor d, int levels)
    {
        if (d.Kind == ParameterKind.Choice) return [.. d.Choices];
        var result = new List<object>();
        if (d.Kind == ParameterKind.Int && d.Cardinality <= levels)
        {
            for (int v = (int)d.Min; v <= (int)d.Max; v++) result.Add(v);
            return result;
        }
        for (int i = 0; i < levels; i++)
        {
            var value = d.Decode((double)i / (levels - 1));
            if (!result.Contains(value)) result.Add(value);
        }
        return result;
    }
}
