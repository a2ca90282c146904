namespace MLExt.AutoML;

/// <summary>
/// One successive-halving bracket: rung i runs up to <c>Sizes[i]</c> configurations for <c>Budgets[i]</c>
/// epochs; when every trial of a rung has reported, the best <c>Sizes[i + 1]</c> (by loss; failed trials
/// never) are queued for the next rung.
/// </summary>
internal sealed class HalvingBracket
{
    private readonly int[] _sizes;
    private readonly int[] _budgets;
    private readonly int[] _proposed;
    private readonly List<(int Id, Parameters Parameters, double Loss)>[] _results;
    private readonly Queue<Parameters> _promotions = new();
    private int _promotionRung;

    public HalvingBracket(int index, int[] sizes, int[] budgets)
    {
        Index = index;
        _sizes = sizes;
        _budgets = budgets;
        _proposed = new int[sizes.Length];
        _results = sizes.Select(_ => new List<(int, Parameters, double)>()).ToArray();
    }

    /// <summary>The bracket's number in the study (0, 1, …).</summary>
    public int Index { get; }

    /// <summary>Whether a new configuration can still enter the first rung.</summary>
    public bool WantsNewConfiguration => _proposed[0] < _sizes[0];

    /// <summary>Whether a configuration waits for promotion.</summary>
    public bool HasPromotion => _promotions.Count > 0;

    /// <summary>A trial for a new configuration at the first rung.</summary>
    public TrialSuggestion Start(int id, Parameters parameters)
    {
        _proposed[0]++;
        return new TrialSuggestion(id, parameters, _budgets[0]) { Bracket = Index, Rung = 0 };
    }

    /// <summary>A trial for the next promoted configuration.</summary>
    public TrialSuggestion Promote(int id)
    {
        _proposed[_promotionRung]++;
        return new TrialSuggestion(id, _promotions.Dequeue(), _budgets[_promotionRung]) { Bracket = Index, Rung = _promotionRung };
    }

    /// <summary>Records a finished trial of rung <paramref name="rung"/>; promotes when the rung is complete.</summary>
    public void Record(int rung, TrialOutcome outcome)
    {
        _results[rung].Add((outcome.Id, outcome.Parameters, outcome.HasLoss ? outcome.Loss : double.NaN));
        if (rung + 1 == _sizes.Length || _proposed[rung] < _sizes[rung] || _results[rung].Count < _proposed[rung]) return;
        var best = _results[rung].Where(r => !double.IsNaN(r.Loss)).OrderBy(r => r.Loss).ThenBy(r => r.Id).Take(_sizes[rung + 1]).ToList();
        // Failures can leave fewer configurations than the next rung expects: it shrinks.
        _sizes[rung + 1] = best.Count;
        _promotionRung = rung + 1;
        foreach (var r in best) _promotions.Enqueue(r.Parameters);
        if (best.Count == 0)
            for (int later = rung + 1; later < _sizes.Length; later++) _sizes[later] = 0;
    }
}
