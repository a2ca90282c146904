using MLExt.AutoML;

namespace MLExt.Tests.AutoML;

public sealed class GridSearchTunerTests
{
    private static readonly SearchSpace Space = new SearchSpace()
        .Float("x", 0, 1)
        .Int("n", 1, 3)
        .Choice("k", "a", "b")
        .When("k", "b", s => s.Float("y", 1, 100, log: true));

    [Fact]
    public void VisitsEveryPointOfTheGridOnceBeforeRefining()
    {
        // x: 3 levels; n: 3 values; k = a, or k = b with 3 levels of y: 3·3·(1 + 3) = 36 points.
        var tuner = new GridSearchTuner(Space, 1, pointsPerDimension: 3);
        Assert.Equal(36, tuner.GridSize);
        var points = Enumerable.Range(0, 36).Select(_ => Propose(tuner)).ToList();
        Assert.Equal(36, points.Distinct().Count());
        Assert.Equal([0.0, 0.5, 1.0], points.Select(p => p.GetDouble("x")).Distinct().Order());
        Assert.Equal([1.0, 10.0, 100.0], points.Where(p => p.Contains("y")).Select(p => Math.Round(p.GetDouble("y"), 9)).Distinct().Order());
        Assert.Equal(9, points.Count(p => !p.Contains("y")));
        // The next points come from the 5-level grid and are new.
        var finer = Enumerable.Range(0, 20).Select(_ => Propose(tuner)).ToList();
        Assert.DoesNotContain(finer, points.Contains);
        Assert.Contains(finer, p => p.GetDouble("x") is 0.25 or 0.75);
    }

    [Fact]
    public void UnshuffledOrderIsLexicographic()
    {
        var tuner = new GridSearchTuner(new SearchSpace().Int("a", 0, 1).Choice("b", "u", "v"), 0, shuffle: false);
        Assert.Equal(["a=0, b=u", "a=0, b=v", "a=1, b=u", "a=1, b=v"], Enumerable.Range(0, 4).Select(_ => Propose(tuner).ToString()));
        // A fully discrete space starts over once enumerated.
        Assert.Equal("a=0, b=u", Propose(tuner).ToString());
    }

    [Fact]
    public void RejectsGridsTooLargeToEnumerate()
    {
        var space = Enumerable.Range(0, 9).Aggregate(new SearchSpace(), (s, i) => s.Float($"p{i}", 0, 1));
        Assert.Contains("pointsPerDimension", Assert.Throws<ArgumentException>(() => new GridSearchTuner(space, 0, pointsPerDimension: 10)).Message);
    }

    private static Parameters Propose(ITuner tuner)
    {
        var s = tuner.Propose();
        tuner.Report(TrialOutcome.Completed(s, 0));
        return s.Parameters;
    }
}
