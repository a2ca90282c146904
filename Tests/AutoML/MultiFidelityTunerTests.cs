using MLExt.AutoML;

namespace MLExt.Tests.AutoML;

public sealed class MultiFidelityTunerTests
{
    private static readonly SearchSpace Space = new SearchSpace().Float("x", 0, 1);
    private static readonly MultiFidelityOptions Budget = new() { MinBudget = 1, MaxBudget = 9, ReductionFactor = 3 };

    /// <summary>Loss |x − 0.3| at full budget, plus 1/epochs.</summary>
    private static double Loss(TrialSuggestion s) => Math.Abs(s.Parameters.GetDouble("x") - 0.3) + 1.0 / s.Budget!.Value;

    [Fact]
    public void SuccessiveHalvingKeepsTheBestThirdAtEachRung()
    {
        var tuner = new SuccessiveHalvingTuner(Space, 1, Budget);
        var trials = new List<TrialSuggestion>();
        for (int i = 0; i < 13; i++)
        {
            var s = tuner.Propose();
            trials.Add(s);
            tuner.Report(TrialOutcome.Completed(s, Loss(s)));
        }
        // 9 configurations for 1 epoch, the best 3 for 3 epochs, the best for 9; then a new bracket.
        Assert.Equal([1, 1, 1, 1, 1, 1, 1, 1, 1, 3, 3, 3, 9], trials.Select(t => t.Budget!.Value));
        Assert.Equal([0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 2], trials.Select(t => t.Rung!.Value));
        var bestThree = trials.Take(9).OrderBy(Loss).Take(3).Select(t => t.Parameters);
        Assert.Equal(bestThree, trials.Skip(9).Take(3).Select(t => t.Parameters));
        Assert.Equal(trials.Skip(9).Take(3).MinBy(Loss)!.Parameters, trials[12].Parameters);
        var next = tuner.Propose();
        Assert.Equal((1, 0, 1), (next.Bracket!.Value, next.Rung!.Value, next.Budget!.Value));
    }

    [Fact]
    public void HyperbandCyclesThroughItsBrackets()
    {
        var tuner = new HyperbandTuner(Space, 1, Budget);
        var trials = new List<TrialSuggestion>();
        // s = 2: 9 + 3 + 1 trials; s = 1: ⌈3/2·3⌉ = 5 at 3 epochs, then 1 at 9; s = 0: 3 at 9.
        for (int i = 0; i < 13 + 6 + 3 + 1; i++)
        {
            var s = tuner.Propose();
            trials.Add(s);
            tuner.Report(TrialOutcome.Completed(s, Loss(s)));
        }
        Assert.Equal(Enumerable.Repeat(0, 13).Concat(Enumerable.Repeat(1, 6)).Concat(Enumerable.Repeat(2, 3)).Append(3), trials.Select(t => t.Bracket!.Value));
        Assert.Equal([3, 3, 3, 3, 3, 9], trials.Skip(13).Take(6).Select(t => t.Budget!.Value));
        Assert.Equal([9, 9, 9, 1], trials.Skip(19).Select(t => t.Budget!.Value));
    }

    [Fact]
    public void ParallelProposalsNeverWaitAndFailuresAreNotPromoted()
    {
        var tuner = new SuccessiveHalvingTuner(Space, 2, Budget);
        // Twelve proposals before any report: the first bracket fills, a second one opens.
        var first = Enumerable.Range(0, 12).Select(_ => tuner.Propose()).ToList();
        Assert.Equal(9, first.Count(s => s.Bracket == 0));
        Assert.Equal(3, first.Count(s => s.Bracket == 1));
        // Bracket 0 reports in reverse order; its two best configurations fail.
        var bracket0 = first.Where(s => s.Bracket == 0).ToList();
        var failing = bracket0.OrderBy(Loss).Take(2).Select(s => s.Id).ToHashSet();
        foreach (var s in Enumerable.Reverse(bracket0))
            tuner.Report(failing.Contains(s.Id) ? TrialOutcome.Failed(s) : TrialOutcome.Completed(s, Loss(s)));
        var promoted = Enumerable.Range(0, 3).Select(_ => tuner.Propose()).ToList();
        Assert.All(promoted, s => Assert.Equal((0, 1, 3), (s.Bracket!.Value, s.Rung!.Value, s.Budget!.Value)));
        Assert.Equal(bracket0.Where(s => !failing.Contains(s.Id)).OrderBy(Loss).Take(3).Select(s => s.Parameters), promoted.Select(s => s.Parameters));
    }

    [Fact]
    public void AshaPrunesAtRungsByRankAmongTheLossesSeenThere()
    {
        var tuner = new AshaTuner(Space, 0, Budget);
        Assert.Equal([1, 3], tuner.RungBudgets);
        var t = Enumerable.Range(0, 5).Select(_ => tuner.Propose()).ToList();
        Assert.All(t, s => Assert.Equal(9, s.Budget));
        Assert.False(tuner.ShouldPrune(t[0].Id, 1, 1.0));   // alone at rung 1: the best
        Assert.True(tuner.ShouldPrune(t[1].Id, 1, 2.0));    // 2 losses < η: only the best continues
        Assert.False(tuner.ShouldPrune(t[2].Id, 1, 0.5));   // best so far
        Assert.True(tuner.ShouldPrune(t[3].Id, 1, 0.7));    // {0.5, 0.7, 1, 2}: ⌊4/3⌋ = 1 → only the best
        Assert.False(tuner.ShouldPrune(t[0].Id, 2, 0.9));   // between rungs: no decision
        Assert.False(tuner.ShouldPrune(t[0].Id, 3, 0.8));   // alone at rung 3
        Assert.False(tuner.ShouldPrune(t[0].Id, 8, 0.1));   // past the last rung: runs to the end
        // Skipping straight past a rung still records and decides at it; a NaN loss stops the trial.
        Assert.True(tuner.ShouldPrune(t[4].Id, 4, 5.0));
        tuner.Report(TrialOutcome.Pruned(t[1], 2.0));
        Assert.Throws<ArgumentException>(() => tuner.ShouldPrune(t[1].Id, 3, 0.1));
        var u = tuner.Propose();
        Assert.True(tuner.ShouldPrune(u.Id, 1, double.NaN));
    }

    [Fact]
    public void AshaCanSampleWithTpe()
    {
        var tuner = new AshaTuner(Space, 0, Budget, new TpeTuner(Space, 0, new TpeOptions { StartupTrials = 3 }));
        int pruned = 0;
        for (int i = 0; i < 12; i++)
        {
            var s = tuner.Propose();
            var outcome = TrialOutcome.Completed(s, Loss(s));
            for (int epoch = 1; epoch <= 9; epoch++)
            {
                double loss = Math.Abs(s.Parameters.GetDouble("x") - 0.3) + 1.0 / epoch;
                if (tuner.ShouldPrune(s.Id, epoch, loss))
                {
                    outcome = TrialOutcome.Pruned(s, loss);
                    pruned++;
                    break;
                }
            }
            tuner.Report(outcome);
        }
        Assert.InRange(pruned, 1, 11);
        Assert.Equal(12, tuner.Propose().Id);
    }

    [Fact]
    public void InvalidBudgetsAreNamed()
    {
        Assert.Equal("ReductionFactor", Assert.Throws<ArgumentOutOfRangeException>(() => new HyperbandTuner(Space, 0, new MultiFidelityOptions { ReductionFactor = 1 })).ParamName);
        Assert.Equal("MaxBudget", Assert.Throws<ArgumentOutOfRangeException>(() => new AshaTuner(Space, 0, new MultiFidelityOptions { MinBudget = 5, MaxBudget = 3 })).ParamName);
        Assert.Equal([1, 3, 9, 20], new MultiFidelityOptions { MaxBudget = 20 }.RungBudgets());
    }
}
