using MLExt.Neural;

namespace MLExt.Tests.Neural.Generative;

/// <summary>The digit-score maths on cases worked out by hand.</summary>
public sealed class GenerativeScoresTests
{
    [Fact]
    public void TheInceptionScoreMatchesHandComputedCases()
    {
        // certain and balanced: exp(log 2) = 2; all alike: exp(0) = 1
        Assert.Equal(2.0, GenerativeScores.InceptionScore([1, 0, 0, 1], 2), 1e-12);
        Assert.Equal(1.0, GenerativeScores.InceptionScore([0.3f, 0.7f, 0.3f, 0.7f], 2), 1e-7);
        // p(y) = [0.55, 0.45]; exp(½ Σᵢ Σ_c pᵢc log(pᵢc / p_c))
        Assert.Equal(1.3170522760436802, GenerativeScores.InceptionScore([0.9f, 0.1f, 0.2f, 0.8f], 2), 1e-6);
    }

    [Fact]
    public void ClassSharesCountTheMostProbableClass()
    {
        var shares = GenerativeScores.ClassShares([0.1f, 0.7f, 0.2f, 0.5f, 0.4f, 0.1f, 0.2f, 0.3f, 0.5f, 0.0f, 0.6f, 0.4f], 3);
        Assert.Equal([0.25, 0.5, 0.25], shares);
    }

    [Fact]
    public void NearestDistancesMatchBruteForce()
    {
        var random = new RandomSource(3);
        var samples = Enumerable.Range(0, 300 * 5).Select(_ => random.NextFloat()).ToArray();
        var references = Enumerable.Range(0, 40 * 5).Select(_ => random.NextFloat()).ToArray();
        var distances = GenerativeScores.NearestDistances(samples, references, 5);
        Assert.Equal(300, distances.Length);
        for (int i = 0; i < 300; i++)
        {
            double best = Enumerable.Range(0, 40).Min(j => Math.Sqrt(Enumerable.Range(0, 5).Sum(d =>
                Math.Pow((double)samples[i * 5 + d] - references[j * 5 + d], 2))));
            Assert.Equal(best, distances[i], 1e-5);
        }
        // a sample equal to a reference is at distance 0 (up to rounding of the expanded square)
        Assert.Equal(0, GenerativeScores.NearestDistances(references[..5], references, 5)[0], 1e-3);
    }
}
