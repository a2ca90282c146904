using MLExt.AutoML;

namespace MLExt.Tests.AutoML;

/// <summary>Drives tuners through scripted runs: a deterministic loss, some failures, out-of-order reports and prune checks.</summary>
internal static class TunerTestKit
{
    /// <summary>A loss with a known best region that reads every kind of parameter.</summary>
    public static double Loss(Parameters p)
    {
        double loss = Math.Pow(Math.Log10(p.GetDouble("LearningRate")) + 2, 2) + Math.Pow(p.GetDouble("Dropout") - 0.1, 2);
        loss += p.GetString("Trainer") switch
        {
            "fasttree" => Math.Abs(Math.Log(p.GetInt32("NumberOfTrees") / 100.0)) * 0.3 + (p.TryGetValue("DropRate", out var r) ? (double)r : 0),
            "mlp" => 0.5,
            _ => 1.0,
        };
        return loss + (p.TryGetValue("Width2", out var w) ? Math.Abs((int)w - 64) / 256.0 : 0.2);
    }

    /// <summary>
    /// Runs <paramref name="trials"/> trials in batches of up to three proposals (reported in reverse
    /// order), failing every seventh trial, checking pruning after each epoch of the budget; returns the
    /// suggestions in proposal order.
    /// </summary>
    public static List<TrialSuggestion> Run(ITuner tuner, int trials, int firstId = 0)
    {
        var proposed = new List<TrialSuggestion>();
        while (proposed.Count < trials)
        {
            var batch = new List<TrialSuggestion>();
            int size = Math.Min(1 + proposed.Count % 3, trials - proposed.Count);
            for (int i = 0; i < size; i++) batch.Add(tuner.Propose());
            proposed.AddRange(batch);
            batch.Reverse();
            foreach (var s in batch) Finish(tuner, s);
        }
        return proposed;
    }

    /// <summary>Evaluates one suggestion epoch by epoch (loss falling towards <see cref="Loss"/>) and reports it.</summary>
    public static void Finish(ITuner tuner, TrialSuggestion s)
    {
        if (s.Id % 7 == 6)
        {
            tuner.Report(TrialOutcome.Failed(s));
            return;
        }
        double final = Loss(s.Parameters);
        int epochs = s.Budget ?? 1;
        double value = final;
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            value = final + 1.0 / epoch;
            if (s.Budget is not null && tuner.ShouldPrune(s.Id, epoch, value))
            {
                tuner.Report(TrialOutcome.Pruned(s, value));
                return;
            }
        }
        tuner.Report(TrialOutcome.Completed(s, value));
    }
}
