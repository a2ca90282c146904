using MLExt.Neural;

namespace MLExt.Tests.Neural;

public class RandomSourceTests
{
    [Fact]
    public void SameSeedSameSequenceAndDifferentSeedsDiffer()
    {
        Assert.Equal(Draw(new RandomSource(5), 50), Draw(new RandomSource(5), 50));
        Assert.NotEqual(Draw(new RandomSource(5), 50), Draw(new RandomSource(6), 50));
        Assert.NotEqual(Draw(new RandomSource(0), 50), Draw(new RandomSource(-1), 50));
    }

    [Fact]
    public void RestoredStateRepeatsTheSequenceIncludingTheSpareGaussian()
    {
        var random = new RandomSource(9);
        random.NextGaussian(); // leaves the second value of a Box–Muller pair cached
        var state = random.GetState();
        Assert.Equal(1u, state[4]);
        var expected = Draw(random, 40);

        var copy = state.ToArray();
        state[0] ^= 1; // GetState returns a copy the caller may change
        random.SetState(copy);
        Assert.Equal(expected, Draw(random, 40));

        var fresh = new RandomSource(123);
        fresh.SetState(copy);
        Assert.Equal(expected, Draw(fresh, 40));
    }

    [Theory]
    [InlineData(new uint[] { 1, 2, 3, 4, 0 })]
    [InlineData(new uint[] { 0, 0, 0, 0, 0, 0 })]
    public void InvalidStatesThrow(uint[] state) =>
        Assert.Throws<ArgumentException>(() => new RandomSource(1).SetState(state));

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(1000)]
    [InlineData(int.MaxValue)]
    public void NextIntStaysWithinBounds(int maxExclusive)
    {
        var random = new RandomSource(maxExclusive);
        for (int i = 0; i < 20_000; i++) Assert.InRange(random.NextInt(maxExclusive), 0, maxExclusive - 1);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-4)]
    public void NextIntNeedsAPositiveBound(int maxExclusive) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new RandomSource(1).NextInt(maxExclusive));

    [Fact]
    public void NextIntIsRoughlyUniform()
    {
        const int draws = 100_000, buckets = 10;
        var counts = new int[buckets];
        var random = new RandomSource(77);
        for (int i = 0; i < draws; i++) counts[random.NextInt(buckets)]++;
        double expected = draws / (double)buckets, sigma = Math.Sqrt(draws * 0.1 * 0.9);
        Assert.All(counts, c => Assert.InRange(c, expected - 5 * sigma, expected + 5 * sigma));
    }

    [Fact]
    public void FloatsDoublesAndGaussiansHaveTheRightRangeAndMoments()
    {
        const int n = 100_000;
        var random = new RandomSource(3);
        var floats = Enumerable.Range(0, n).Select(_ => random.NextFloat()).ToArray();
        var doubles = Enumerable.Range(0, n).Select(_ => random.NextDouble()).ToArray();
        var gaussians = Enumerable.Range(0, n).Select(_ => (double)random.NextGaussian()).ToArray();
        Assert.All(floats, f => Assert.True(f >= 0f && f < 1f));
        Assert.All(doubles, d => Assert.True(d >= 0.0 && d < 1.0));
        Assert.InRange(floats.Average(), 0.49, 0.51);
        Assert.InRange(doubles.Average(), 0.49, 0.51);
        Assert.InRange(gaussians.Average(), -0.02, 0.02);
        Assert.InRange(Math.Sqrt(gaussians.Average(g => g * g)), 0.98, 1.02);
    }

    [Fact]
    public void ForksAreIndependentAndReproducible()
    {
        var parent = new RandomSource(8);
        var child = parent.Fork();
        var parentAfterFork = Draw(parent, 30);
        var childValues = Draw(child, 30);
        Assert.NotEqual(parentAfterFork, childValues);

        // Drawing from the child does not move the parent, and the same seed forks the same child.
        var again = new RandomSource(8);
        var sameChild = again.Fork();
        Assert.Equal(childValues, Draw(sameChild, 30));
        Assert.Equal(parentAfterFork, Draw(again, 30));

        var parent2 = new RandomSource(8);
        var first = parent2.Fork();
        var second = parent2.Fork();
        Assert.NotEqual(Draw(first, 30), Draw(second, 30));
    }

    [Fact]
    public void ShuffleIsAReproduciblePermutation()
    {
        int[] a = Enumerable.Range(0, 100).ToArray(), b = Enumerable.Range(0, 100).ToArray();
        new RandomSource(4).Shuffle<int>(a);
        new RandomSource(4).Shuffle<int>(b);
        Assert.Equal(a, b);
        Assert.NotEqual(Enumerable.Range(0, 100), a);
        Assert.Equal(Enumerable.Range(0, 100), a.Order());
    }

    /// <summary>A mix of every kind of draw, as comparable doubles.</summary>
    private static double[] Draw(RandomSource random, int count)
    {
        var values = new double[count];
        for (int i = 0; i < count; i++)
            values[i] = (i % 4) switch
            {
                0 => random.NextUInt(),
                1 => random.NextGaussian(),
                2 => random.NextDouble(),
                _ => random.NextInt(1000),
            };
        return values;
    }
}
