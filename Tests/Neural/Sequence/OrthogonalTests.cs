using MLExt.Neural;

namespace MLExt.Tests.Neural.Sequence;

public sealed class OrthogonalTests
{
    [Theory]
    [InlineData(16, 16, 1f)]
    [InlineData(20, 8, 1f)]
    [InlineData(8, 20, 1f)]
    [InlineData(12, 12, 2f)]
    public void TheSmallerGramMatrixIsGainSquaredTimesIdentity(int rows, int columns, float gain)
    {
        var w = new float[rows * columns];
        new Orthogonal(gain).Fill(w, rows, columns, new RandomSource(5));
        // columns ≥ … : WᵀW = gain²·I when rows ≥ columns, W·Wᵀ = gain²·I otherwise
        int size = Math.Min(rows, columns);
        for (int a = 0; a < size; a++)
            for (int b = 0; b < size; b++)
            {
                double dot = 0;
                if (rows >= columns) for (int r = 0; r < rows; r++) dot += (double)w[r * columns + a] * w[r * columns + b];
                else for (int c = 0; c < columns; c++) dot += (double)w[a * columns + c] * w[b * columns + c];
                Assert.Equal(a == b ? gain * gain : 0.0, dot, 1e-5);
            }
    }

    [Fact]
    public void SameSeedSameMatrixAndItParsesBack()
    {
        float[] Fill(int seed)
        {
            var w = new float[36];
            new Orthogonal().Fill(w, 6, 6, new RandomSource(seed));
            return w;
        }
        Assert.Equal(Fill(1), Fill(1));
        Assert.NotEqual(Fill(1), Fill(2));
        Assert.IsType<Orthogonal>(Initializer.Parse("Orthogonal"));
        Assert.Equal(1.5f, Assert.IsType<Orthogonal>(Initializer.Parse(new Orthogonal(1.5f).ToString())).Gain);
        Assert.Throws<ArgumentException>(() => new Orthogonal().Fill(new float[5], 2, 3, new RandomSource(1)));
    }
}
