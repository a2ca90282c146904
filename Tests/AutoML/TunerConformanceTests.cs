using MLExt.AutoML;

namespace MLExt.Tests.AutoML;

/// <summary>What every tuner promises: determinism for a seed, exact replay, out-of-order and failed reports, proposals inside the space.</summary>
public sealed class TunerConformanceTests
{
    public static TheoryData<string> Names() => [.. TunerFactory.Names];

    private static readonly MultiFidelityOptions Budget = new() { MinBudget = 1, MaxBudget = 9, ReductionFactor = 3 };

    private static ITuner Create(string name, int seed) => TunerFactory.Create(name, SearchSpaceTests.Mixed(), seed, Budget);

    [Fact]
    public void FactoryKnowsEveryTunerAndNamesThemInItsError()
    {
        Assert.Equal(["random", "grid", "tpe", "bayes", "halving", "hyperband", "asha"], TunerFactory.Names);
        var error = Assert.Throws<ArgumentException>(() => TunerFactory.Create("smac", SearchSpaceTests.Mixed(), 0));
        Assert.Contains("'smac'", error.Message);
        Assert.Contains("hyperband", error.Message);
        Assert.Equal("tpe", TunerFactory.Create("TPE", SearchSpaceTests.Mixed(), 0).Name);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void SameSeedGivesTheSameProposalsAndAnotherSeedOthers(string name)
    {
        var a = TunerTestKit.Run(Create(name, 3), 30);
        var b = TunerTestKit.Run(Create(name, 3), 30);
        var c = TunerTestKit.Run(Create(name, 4), 30);
        Assert.Equal(a, b);
        Assert.NotEqual(a.Select(s => s.Parameters), c.Select(s => s.Parameters));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void ReplayingTheEventLogResumesExactly(string name)
    {
        var events = new List<TunerEvent>();
        var original = new RecordingTuner(Create(name, 11), events.Add);
        TunerTestKit.Run(original, 24);
        // Two trials still running when the study stops, one of them already checked for pruning.
        var running = new[] { original.Propose(), original.Propose() };
        if (running[0].Budget is not null) original.ShouldPrune(running[0].Id, 1, 5.0);
        Assert.Contains(events, e => e is TrialReportedEvent { Outcome.Status: TrialStatus.Failed });

        var resumed = Create(name, 11);
        var pending = TunerReplay.Replay(resumed, events);
        Assert.Equal(running, pending);

        foreach (var s in running) TunerTestKit.Finish(original, s);
        foreach (var s in pending) TunerTestKit.Finish(resumed, s);
        Assert.Equal(TunerTestKit.Run(original, 12), TunerTestKit.Run(resumed, 12));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void ProposalsLieInTheSpaceWithIdsInOrderAndBudgetsInRange(string name)
    {
        var space = SearchSpaceTests.Mixed();
        var proposals = TunerTestKit.Run(TunerFactory.Create(name, space, 5, Budget), 60);
        Assert.Equal(Enumerable.Range(0, 60), proposals.Select(s => s.Id));
        Assert.All(proposals, s => Assert.True(space.Contains(s.Parameters), $"{s.Parameters} is not a point of the space"));
        Assert.All(proposals, s => Assert.True(s.Budget is null or >= 1 and <= 9));
        // Conditional branches are all visited.
        Assert.Contains(proposals, s => s.Parameters.Contains("DropRate"));
        Assert.Contains(proposals, s => s.Parameters.Contains("L2"));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void ReportsOfUnknownRepeatedOrAlteredTrialsAreRejected(string name)
    {
        var tuner = Create(name, 0);
        var s = tuner.Propose();
        Assert.Throws<ArgumentException>(() => tuner.Report(TrialOutcome.Completed(s with { Id = 5 }, 1)));
        if (name != "asha")
            Assert.Throws<ArgumentException>(() => tuner.Report(TrialOutcome.Completed(s with { Parameters = s.Parameters.With("Dropout", 0.123) }, 1)));
        tuner.Report(TrialOutcome.Completed(s, 1));
        Assert.Throws<ArgumentException>(() => tuner.Report(TrialOutcome.Completed(s, 1)));
        Assert.Equal(1, tuner.Propose().Id);
    }

    [Fact]
    public void ReplayRefusesALogFromAnotherSeed()
    {
        var events = new List<TunerEvent>();
        TunerTestKit.Run(new RecordingTuner(new TpeTuner(SearchSpaceTests.Mixed(), 1), events.Add), 5);
        var error = Assert.Throws<InvalidOperationException>(() => TunerReplay.Replay(new TpeTuner(SearchSpaceTests.Mixed(), 2), events));
        Assert.Contains("event 0", error.Message);
    }
}
