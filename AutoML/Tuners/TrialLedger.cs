namespace MLExt.AutoML;

/// <summary>
/// A tuner's bookkeeping of trials: hands out ids in order, remembers each proposal, and checks that
/// every report answers a pending proposal with its parameters. Keeps the finished trials in report order.
/// </summary>
internal sealed class TrialLedger
{
    private readonly Dictionary<int, TrialSuggestion> _pending = [];
    private readonly List<TrialOutcome> _finished = [];

    /// <summary>The id the next proposal gets.</summary>
    public int NextId { get; private set; }

    /// <summary>Finished trials in report order.</summary>
    public IReadOnlyList<TrialOutcome> Finished => _finished;

    /// <summary>Trials proposed and not yet reported.</summary>
    public IReadOnlyCollection<TrialSuggestion> Pending => _pending.Values;

    /// <summary>Registers a proposal made with <see cref="NextId"/>.</summary>
    public TrialSuggestion Add(TrialSuggestion suggestion)
    {
        if (suggestion.Id != NextId) throw new InvalidOperationException($"Trial ids go in order: expected {NextId}, got {suggestion.Id}.");
        _pending.Add(suggestion.Id, suggestion);
        NextId++;
        return suggestion;
    }

    /// <summary>Whether <paramref name="id"/> is running.</summary>
    public bool IsPending(int id) => _pending.ContainsKey(id);

    /// <summary>The pending suggestion <paramref name="id"/>, or null.</summary>
    public TrialSuggestion? Get(int id) => _pending.GetValueOrDefault(id);

    /// <summary>Checks and records a report; returns the suggestion it answers.</summary>
    /// <exception cref="ArgumentException">Unknown or already reported id, other parameters, or a completed trial without a number.</exception>
    public TrialSuggestion Complete(TrialOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (!_pending.Remove(outcome.Id, out var suggestion))
            throw new ArgumentException(outcome.Id < NextId && outcome.Id >= 0
                ? $"Trial {outcome.Id} was already reported."
                : $"Trial {outcome.Id} was never proposed (next id {NextId}).", nameof(outcome));
        if (!outcome.Parameters.Equals(suggestion.Parameters))
        {
            _pending.Add(suggestion.Id, suggestion);
            throw new ArgumentException($"Trial {outcome.Id} was proposed with {suggestion.Parameters}, reported with {outcome.Parameters}.", nameof(outcome));
        }
        if (outcome.Status != TrialStatus.Failed && double.IsNaN(outcome.Loss))
        {
            _pending.Add(suggestion.Id, suggestion);
            throw new ArgumentException($"Trial {outcome.Id} is {outcome.Status} with a NaN loss; report it as Failed.", nameof(outcome));
        }
        _finished.Add(outcome);
        return suggestion;
    }
}
