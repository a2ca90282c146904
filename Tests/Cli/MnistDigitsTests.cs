using Microsoft.ML;
using Microsoft.ML.Data;
using MLExt.Data;

namespace MLExt.Tests.Cli;

public class MnistDigitsTests
{
    private static readonly Lazy<MnistDigits> Digits = new(MnistDigits.Load);

    [Fact]
    public void HoldsTenThousandDigitsOfEveryClass()
    {
        var digits = Digits.Value;
        Assert.Equal(10_000, digits.Count);
        Assert.Equal(digits.Count, digits.Images.Count);
        var perDigit = digits.Labels.GroupBy(l => l).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(Enumerable.Range(0, 10).Select(d => (byte)d), perDigit.Keys.Order());
        Assert.All(perDigit.Values, n => Assert.InRange(n, 850, 1150));
    }

    [Fact]
    public void PixelsAreIn0To1AndImagesAreNotBlank()
    {
        float min = float.MaxValue, max = float.MinValue;
        foreach (float[] image in Digits.Value.Images)
        {
            Assert.Equal(784, image.Length);
            float imageMax = image.Max();
            Assert.True(imageMax > 0.5f, "blank image");
            max = Math.Max(max, imageMax);
            min = Math.Min(min, image.Min());
        }
        Assert.Equal(0f, min);
        Assert.Equal(1f, max);
    }

    [Fact]
    public void SplitIsEightyTwentyAndDeterministic()
    {
        var (train, test) = Digits.Value.Split();
        Assert.Equal(8_000, train.Count);
        Assert.Equal(2_000, test.Count);

        var (train2, test2) = Digits.Value.Split(MnistDigits.DefaultSplitSeed);
        Assert.Equal(train.Labels, train2.Labels);
        Assert.Same(test.Images[0], test2.Images[0]);
        Assert.Equal(test.Images, test2.Images);

        var (other, _) = Digits.Value.Split(seed: 7);
        Assert.NotEqual(train.Labels, other.Labels);
    }

    [Fact]
    public void SplitPartsDoNotOverlapAndCoverEverything()
    {
        var (train, test) = Digits.Value.Split();
        var trainImages = new HashSet<float[]>(train.Images, ReferenceEqualityComparer.Instance);
        Assert.DoesNotContain(test.Images, trainImages.Contains);
        Assert.Equal(Digits.Value.Count, trainImages.Count + test.Images.Distinct(ReferenceEqualityComparer.Instance).Count());
        // Shuffled: the test part holds every digit, not only the last ones of the source order.
        Assert.Equal(10, test.Labels.Distinct().Count());
    }

    [Fact]
    public void DataViewHasLabelAndFixedSizeFeatures()
    {
        var (_, test) = Digits.Value.Split();
        var view = test.ToDataView(new MLContext(seed: 1));
        Assert.Equal(NumberDataViewType.UInt32, view.Schema["Label"].Type);
        var features = Assert.IsType<VectorDataViewType>(view.Schema["Features"].Type);
        Assert.Equal(784, features.Size);
        Assert.Equal(test.Labels.Select(l => (uint)l), view.GetColumn<uint>("Label"));
    }
}
