namespace MLExt.AutoML;

/// <summary>Rebuilds a tuner's state from a study's event log, for resuming a stopped study.</summary>
public static class TunerReplay
{
    /// <summary>
    /// Replays <paramref name="events"/> into a freshly built <paramref name="tuner"/> (same seed and
    /// options as the original): proposals are asked again and checked against the log, prune checks
    /// are asked again and checked, reports are passed on. Afterwards the tuner proposes what the
    /// uninterrupted one would have.
    /// </summary>
    /// <returns>The trials that were proposed but never reported (running when the study stopped), in proposal order; the caller runs them again.</returns>
    /// <exception cref="InvalidOperationException">The tuner answers differently from the log (another seed, other options, another space or another tuner).</exception>
    public static IReadOnlyList<TrialSuggestion> Replay(ITuner tuner, IEnumerable<TunerEvent> events)
    {
        ArgumentNullException.ThrowIfNull(tuner);
        ArgumentNullException.ThrowIfNull(events);
        var pending = new List<TrialSuggestion>();
        int index = 0;
        foreach (var e in events)
        {
            switch (e)
            {
                case TrialProposedEvent p:
                    var again = tuner.Propose();
                    if (again != p.Suggestion)
                        throw Diverged(tuner, index, $"the log proposes trial {p.Suggestion.Id} ({p.Suggestion.Parameters}, budget {p.Suggestion.Budget?.ToString() ?? "full"}), the tuner trial {again.Id} ({again.Parameters}, budget {again.Budget?.ToString() ?? "full"})");
                    pending.Add(again);
                    break;
                case PruneCheckedEvent c:
                    bool pruned = tuner.ShouldPrune(c.TrialId, c.Step, c.Value);
                    if (pruned != c.Pruned)
                        throw Diverged(tuner, index, $"trial {c.TrialId} at step {c.Step} was {(c.Pruned ? "" : "not ")}pruned in the log, the tuner says {(pruned ? "prune" : "continue")}");
                    break;
                case TrialReportedEvent r:
                    tuner.Report(r.Outcome);
                    pending.RemoveAll(s => s.Id == r.Outcome.Id);
                    break;
                default:
                    throw new ArgumentException($"Unknown tuner event {e?.GetType().Name ?? "null"} at position {index}.", nameof(events));
            }
            index++;
        }
        return pending;
    }

    private static InvalidOperationException Diverged(ITuner tuner, int index, string what)
        => new($"Cannot resume: tuner '{tuner.Name}' departs from the study's log at event {index}: {what}. Was the study started with another seed, tuner, options or search space?");
}
