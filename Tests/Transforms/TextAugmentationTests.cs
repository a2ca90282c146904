using MLExt.Transforms;
using Microsoft.ML;

namespace MLExt.Tests.Transforms;

public sealed class TextAugmentationTests
{
    private sealed class Row
    {
        public string Text { get; set; } = "";
        public float Id { get; set; }
    }

    private const string Sentence = "one two three four five six seven eight nine ten eleven twelve";
    private static readonly string[] SentenceWords = Sentence.Split(' ');

    private static TextAugmentationOptions Only(Action<TextAugmentationOptions> change)
    {
        var options = new TextAugmentationOptions { WordDropoutProbability = 0, SwapProbability = 0, ReplacementProbability = 0 };
        change(options);
        return options;
    }

    [Fact]
    public void DropoutKeepsTheOtherWordsInOrderAndAtLeastOne()
    {
        var augmenter = new TextAugmenter(Only(o => o.WordDropoutProbability = 0.5f));
        int dropped = 0;
        for (int seed = 0; seed < 50; seed++)
        {
            var words = augmenter.Augment(Sentence, seed).Split(' ');
            Assert.NotEmpty(words);
            var positions = words.Select(w => Array.IndexOf(SentenceWords, w)).ToArray();
            Assert.All(positions, p => Assert.True(p >= 0));
            Assert.Equal(positions.Order(), positions); // a subsequence: order kept
            dropped += SentenceWords.Length - words.Length;
        }
        // 600 words at p = 0.5: 300 expected, σ ≈ 12.
        Assert.InRange(dropped, 240, 360);
        Assert.Single(new TextAugmenter(Only(o => o.WordDropoutProbability = 0.999f)).Augment("a b c", 3).Split(' '));
    }

    [Fact]
    public void SwapsExchangeNeighboursOnly()
    {
        var augmenter = new TextAugmenter(Only(o => o.SwapProbability = 1f));
        // Every pair (0,1), (2,3), ... is swapped.
        Assert.Equal("b a d c e", augmenter.Augment("a b c d e", 1));
        var some = new TextAugmenter(Only(o => o.SwapProbability = 0.3f));
        for (int seed = 0; seed < 30; seed++)
        {
            var words = some.Augment(Sentence, seed).Split(' ');
            Assert.Equal(SentenceWords.Order(), words.Order());
            for (int i = 0; i < words.Length; i++)
                Assert.InRange(Array.IndexOf(SentenceWords, words[i]) - i, -1, 1);
        }
    }

    [Fact]
    public void ReplacementsComeFromTheVocabulary()
    {
        string[] vocabulary = ["x", "y", "z"];
        var all = new TextAugmenter(Only(o => { o.ReplacementProbability = 1f; o.Vocabulary = vocabulary; }));
        var words = all.Augment(Sentence, 5).Split(' ');
        Assert.Equal(SentenceWords.Length, words.Length);
        Assert.All(words, w => Assert.Contains(w, vocabulary));
        Assert.True(words.Distinct().Count() > 1);
        Assert.Throws<ArgumentException>(() => new TextAugmenter(Only(o => o.ReplacementProbability = 0.1f)));
    }

    [Fact]
    public void SameSeedSameCopyAndSeedsDiffer()
    {
        var options = new TextAugmentationOptions { Vocabulary = ["x", "y"], WordDropoutProbability = 0.2f, SwapProbability = 0.2f, ReplacementProbability = 0.2f };
        var first = new TextAugmenter(options);
        var second = new TextAugmenter(options);
        var copies = Enumerable.Range(0, 10).Select(seed => first.Augment(Sentence, seed)).ToList();
        Assert.Equal(copies, Enumerable.Range(0, 10).Select(seed => second.Augment(Sentence, seed)));
        Assert.True(copies.Distinct().Count() >= 8);
        Assert.Equal("", first.Augment("   ", 1));
    }

    [Fact]
    public void AugmentTextAddsSeededCopiesAfterEachOriginalFromTheTrainingVocabulary()
    {
        var ml = new MLContext(seed: 1);
        var rows = new[] { new Row { Text = "alpha beta gamma delta", Id = 1 }, new Row { Text = "epsilon zeta eta theta", Id = 2 } };
        var data = ml.Data.LoadFromEnumerable(rows);
        var options = new TextAugmentationOptions { CopiesPerText = 2, ReplacementProbability = 0.5f, SwapProbability = 0, WordDropoutProbability = 0, Seed = 9 };
        var augmented = ml.Data.AugmentText(data, "Text", options);

        var output = ml.Data.CreateEnumerable<Row>(augmented, reuseRowObject: false).ToList();
        Assert.Equal(6, output.Count);
        Assert.Equal(6, augmented.GetRowCount());
        Assert.Equal([1f, 1f, 1f, 2f, 2f, 2f], output.Select(r => r.Id));
        Assert.Equal(rows[0].Text, output[0].Text);
        Assert.Equal(rows[1].Text, output[3].Text);
        var vocabulary = rows.SelectMany(r => r.Text.Split(' ')).ToHashSet();
        Assert.All(output, r => Assert.All(r.Text.Split(' '), w => Assert.Contains(w, vocabulary)));
        Assert.Contains(output.Where((_, i) => i % 3 != 0), r => r.Text != rows[(int)r.Id - 1].Text);
        // Same seed, same rows; another pass over the same view too.
        Assert.Equal(output.Select(r => r.Text), ml.Data.CreateEnumerable<Row>(augmented, false).Select(r => r.Text));
        Assert.Equal(output.Select(r => r.Text), ml.Data.CreateEnumerable<Row>(ml.Data.AugmentText(data, "Text", options), false).Select(r => r.Text));
        options.Seed = 10;
        Assert.NotEqual(output.Select(r => r.Text), ml.Data.CreateEnumerable<Row>(ml.Data.AugmentText(data, "Text", options), false).Select(r => r.Text));
    }

    [Fact]
    public void BadInputFailsNamingTheColumnOrOption()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable([new Row { Text = "a b", Id = 1 }]);
        Assert.Contains("'Id'", Assert.Throws<ArgumentException>(() => ml.Data.AugmentText(data, "Id")).Message);
        Assert.Contains("'Body'", Assert.Throws<ArgumentException>(() => ml.Data.AugmentText(data, "Body")).Message);
        Assert.Equal("WordDropoutProbability", Assert.Throws<ArgumentOutOfRangeException>(() => ml.Data.AugmentText(data, "Text", new() { WordDropoutProbability = 1f })).ParamName);
        Assert.Equal("CopiesPerText", Assert.Throws<ArgumentOutOfRangeException>(() => ml.Data.AugmentText(data, "Text", new() { CopiesPerText = 0 })).ParamName);
        Assert.Equal("SwapProbability", Assert.Throws<ArgumentOutOfRangeException>(() => new TextAugmenter(new() { SwapProbability = -0.1f })).ParamName);
    }
}
