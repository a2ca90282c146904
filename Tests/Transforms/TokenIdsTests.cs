using MLExt.Transforms;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExt.Tests.Transforms;

public sealed class TokenIdsTests
{
    private sealed class TextRow
    {
        public string Text { get; set; } = "";
    }

    private sealed class NumberRow
    {
        public float Text { get; set; }
    }

    private static IDataView Texts(MLContext ml, params string[] texts) =>
        ml.Data.LoadFromEnumerable(texts.Select(t => new TextRow { Text = t }).ToList());

    private static float[][] Ids(ITransformer model, IDataView data, string column = "Tokens")
    {
        var output = model.Transform(data);
        var col = output.Schema[column];
        var rows = new List<float[]>();
        using var cursor = output.GetRowCursor([col]);
        var getter = cursor.GetGetter<VBuffer<float>>(col);
        VBuffer<float> buffer = default;
        while (cursor.MoveNext())
        {
            getter(ref buffer);
            rows.Add(buffer.DenseValues().ToArray());
        }
        return [.. rows];
    }

    // Counts: the 5, b 4, a 3, c 2, rare 1 — ranked by count, ties in ordinal order.
    private static readonly string[] Corpus =
    [
        "The b a", "the B, c!", "THE a b.", "the a rare", "the b c",
    ];

    [Fact]
    public void WordsGetIdsFromTwoByFrequencyUnknownWordsOneAndPaddingZero()
    {
        var ml = new MLContext(seed: 1);
        var model = ml.Transforms.Text.TokenizeToIds("Tokens", "Text", maximumLength: 6, minimumCount: 2).Fit(Texts(ml, Corpus));

        Assert.Equal(["the", "b", "a", "c"], model.Vocabulary);
        Assert.Equal(6, model.VocabularySize);
        var ids = Ids(model, Texts(ml, "The C rare zebra b", "", "a a a a a a a a"));
        Assert.Equal([2f, 5f, 1f, 1f, 3f, 0f], ids[0]);
        Assert.Equal(new float[6], ids[1]);
        Assert.Equal([4f, 4f, 4f, 4f, 4f, 4f], ids[2]); // truncated to the first 6 words
        Assert.Equal([2f, 5f, 1f, 1f, 3f, 0f], model.Encode("the c rare zebra b"));
    }

    [Fact]
    public void OutputIsAKnownSizeFloatVector()
    {
        var ml = new MLContext(seed: 1);
        var data = Texts(ml, Corpus);
        var estimator = ml.Transforms.Text.TokenizeToIds("Tokens", "Text", maximumLength: 7);
        var column = estimator.Fit(data).GetOutputSchema(data.Schema)["Tokens"];
        Assert.Equal(new VectorDataViewType(NumberDataViewType.Single, 7), column.Type);
        var shape = estimator.GetOutputSchema(MLExt.Tests.Trainers.EstimatorConformance.ShapeOf(data.Schema));
        var shaped = shape.Single(c => c.Name == "Tokens");
        Assert.Equal(SchemaShape.Column.VectorKind.Vector, shaped.Kind);
        Assert.Equal(NumberDataViewType.Single, shaped.ItemType);
        Assert.DoesNotContain(shape, c => c.Name.StartsWith("MLExt.", StringComparison.Ordinal));
        Assert.DoesNotContain(estimator.Fit(data).GetOutputSchema(data.Schema), c => c.Name.StartsWith("MLExt.", StringComparison.Ordinal) && !c.IsHidden);
    }

    [Fact]
    public void VocabularyIsLimitedBySizeAndMinimumCount()
    {
        var ml = new MLContext(seed: 1);
        var data = Texts(ml, Corpus);
        Assert.Equal(["the", "b"], ml.Transforms.Text.TokenizeToIds("Tokens", "Text", maximumVocabularySize: 4, minimumCount: 1).Fit(data).Vocabulary);
        Assert.Equal(["the", "b", "a", "c", "rare"], ml.Transforms.Text.TokenizeToIds("Tokens", "Text", minimumCount: 1).Fit(data).Vocabulary);
        Assert.Equal(["the", "b"], ml.Transforms.Text.TokenizeToIds("Tokens", "Text", minimumCount: 4).Fit(data).Vocabulary);
    }

    [Fact]
    public void TheLongestSupportedLengthKeepsEverySlot()
    {
        var ml = new MLContext(seed: 1);
        var model = ml.Transforms.Text.TokenizeToIds("Tokens", "Text", maximumLength: TokenIdsOptions.MaximumSupportedLength).Fit(Texts(ml, Corpus));
        var ids = model.Encode(string.Join(' ', Enumerable.Repeat("the", 2000)));
        Assert.Equal(TokenIdsOptions.MaximumSupportedLength, ids.Length);
        Assert.All(ids, id => Assert.Equal(2f, id));
    }

    [Fact]
    public void SavedAndLoadedItGivesTheSameIdsWithTheVocabularyInsideTheFile()
    {
        var ml = new MLContext(seed: 1);
        var data = Texts(ml, Corpus);
        var model = ml.Transforms.Text.TokenizeToIds("Tokens", "Text", maximumLength: 5, minimumCount: 1).Fit(data);
        var test = Texts(ml, "rare the zebra c", "a b c the rare the b", "");
        using var file = new MemoryStream();
        ml.Model.Save(model, data.Schema, file);
        file.Position = 0;

        var fresh = new MLContext(seed: 7).RegisterMLExtTransforms();
        var loaded = fresh.Model.Load(file, out var inputSchema);

        Assert.Equal("Text", Assert.Single(inputSchema).Name);
        Assert.Equal(new VectorDataViewType(NumberDataViewType.Single, 5), loaded.GetOutputSchema(inputSchema)["Tokens"].Type);
        Assert.Equal([6f, 2f, 1f, 5f, 0f], Ids(loaded, test)[0]);
        Assert.Equal(Ids(model, test), Ids(loaded, test));
    }

    [Fact]
    public void BadInputFailsNamingTheColumnOrOption()
    {
        var ml = new MLContext(seed: 1);
        var numbers = ml.Data.LoadFromEnumerable([new NumberRow { Text = 1 }]);
        var notText = Assert.Throws<ArgumentException>(() => ml.Transforms.Text.TokenizeToIds("Tokens", "Text").Fit(numbers));
        Assert.Contains("'Text'", notText.Message);
        Assert.Contains("Single", notText.Message);
        var missing = Assert.Throws<ArgumentException>(() => ml.Transforms.Text.TokenizeToIds("Tokens", "Body").Fit(Texts(ml, Corpus)));
        Assert.Contains("'Body'", missing.Message);
        Assert.Throws<ArgumentException>(() => ml.Transforms.Text.TokenizeToIds("Tokens", "Text").GetOutputSchema(MLExt.Tests.Trainers.EstimatorConformance.ShapeOf(numbers.Schema)));

        Assert.Equal("MaximumLength", Assert.Throws<ArgumentOutOfRangeException>(() => ml.Transforms.Text.TokenizeToIds("Tokens", "Text", maximumLength: 0)).ParamName);
        Assert.Equal("MaximumLength", Assert.Throws<ArgumentOutOfRangeException>(() => ml.Transforms.Text.TokenizeToIds("Tokens", "Text", maximumLength: 5000)).ParamName);
        Assert.Equal("MaximumVocabularySize", Assert.Throws<ArgumentOutOfRangeException>(() => ml.Transforms.Text.TokenizeToIds("Tokens", "Text", maximumVocabularySize: 2)).ParamName);
        Assert.Equal("MinimumCount", Assert.Throws<ArgumentOutOfRangeException>(() => ml.Transforms.Text.TokenizeToIds("Tokens", "Text", minimumCount: 0)).ParamName);
        var noWords = Assert.Throws<ArgumentException>(() => ml.Transforms.Text.TokenizeToIds("Tokens", "Text", minimumCount: 50).Fit(Texts(ml, Corpus)));
        Assert.Contains("MinimumCount", noWords.Message);
    }
}
