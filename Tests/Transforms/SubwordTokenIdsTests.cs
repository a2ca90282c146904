using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Tokenizers;
using MLExt.Transforms;

namespace MLExt.Tests.Transforms;

/// <summary>TokenizeToIds with a subword tokenizer: ids of the training tokens, unseen words split into known pieces, saved and loaded.</summary>
public sealed class SubwordTokenIdsTests
{
    private sealed class TextRow
    {
        public string Text { get; set; } = "";
    }

    private static readonly string[] Corpus = ["the cat sat", "the dog ran", "a cat and a dog", "the cat", "dog and cat"];

    private static IDataView Texts(MLContext ml, params string[] texts) => ml.Data.LoadFromEnumerable(texts.Select(t => new TextRow { Text = t }).ToList());

    private static float[][] Ids(ITransformer model, IDataView data) =>
        [.. new MLContext(seed: 0).Data.CreateEnumerable<IdsRow>(model.Transform(data), reuseRowObject: false).Select(r => r.Tokens)];

    private sealed class IdsRow
    {
        public float[] Tokens { get; set; } = [];
    }

    public static TheoryData<TokenizerKind, string> Tokenizers => new()
    {
        { TokenizerKind.Gpt2, "gpt2" }, { TokenizerKind.Cl100k, "cl100k_base" }, { TokenizerKind.O200k, "o200k_base" },
    };

    private static Tokenizer Reference(string encoding) =>
        encoding == "gpt2" ? TiktokenTokenizer.CreateForModel("gpt2") : TiktokenTokenizer.CreateForEncoding(encoding);

    [Theory]
    [MemberData(nameof(Tokenizers))]
    public void TokensSeenInTrainingGetIdsByFrequencyAndUnseenWordsSplitIntoKnownPieces(TokenizerKind kind, string encoding)
    {
        var ml = new MLContext(seed: 1);
        var model = ml.Transforms.Text.TokenizeToIds("Tokens", "Text", maximumLength: 8, minimumCount: 1, tokenizer: kind).Fit(Texts(ml, Corpus));
        var reference = Reference(encoding);

        // The vocabulary is the tokenizer's tokens of the training text, most frequent first: " cat" (4), then "the" and " dog" (3), …
        var counts = Corpus.SelectMany(t => reference.EncodeToIds(t)).GroupBy(id => id)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Select(g => reference.Decode([g.Key])).ToArray();
        Assert.Equal(counts, model.Vocabulary);
        Assert.Equal(" cat", model.Vocabulary[0]);
        Assert.Equal(kind, model.Tokenizer);

        // Each token's id is its vocabulary rank + 2; a token never seen in training is 1; padding 0.
        string text = "The dogcat sat";
        var expected = reference.EncodeToIds(text.ToLowerInvariant()).Select(id => (float)(Array.IndexOf(counts, reference.Decode([id])) + 2)).ToList();
        expected.AddRange(Enumerable.Repeat(0f, 8 - expected.Count));
        Assert.Equal(expected, model.Encode(text));
        Assert.DoesNotContain(1f, model.Encode("the catdog")); // an unknown word to the word tokenizer, known pieces here

        var words = ml.Transforms.Text.TokenizeToIds("Tokens", "Text", maximumLength: 8, minimumCount: 1).Fit(Texts(ml, Corpus));
        Assert.Equal(1f, words.Encode("the catdog")[1]);
    }

    [Theory]
    [MemberData(nameof(Tokenizers))]
    public void SavedAndLoadedItRecreatesTheTokenizerByName(TokenizerKind kind, string encoding)
    {
        var ml = new MLContext(seed: 1);
        var data = Texts(ml, Corpus);
        var model = ml.Transforms.Text.TokenizeToIds("Tokens", "Text", maximumLength: 6, minimumCount: 1, tokenizer: kind).Fit(data);
        using var file = new MemoryStream();
        ml.Model.Save(model, data.Schema, file);
        file.Position = 0;
        using (var zip = new System.IO.Compression.ZipArchive(file, System.IO.Compression.ZipArchiveMode.Read, leaveOpen: true))
        {
            // The tokenizer is stored by name: the model holds its contract, not its 50k–200k-token vocabulary.
            string contract = MLExt.Transforms.Persistence.SubwordIdsMapping.ContractName(kind);
            Assert.Contains(zip.Entries, e => Contains(e, contract));
        }
        Assert.True(file.Length < 20_000, $"{encoding}: the model is {file.Length} bytes.");
        file.Position = 0;

        var fresh = new MLContext(seed: 7).RegisterMLExtTransforms();
        var loaded = fresh.Model.Load(file, out _);
        var test = Texts(fresh, "the dogcat sat on a mat", "", "THE CAT");
        Assert.Equal(Ids(model, test), Ids(loaded, test));
        Assert.Contains(1f, Ids(loaded, test)[0]); // " on" and " mat" were not in training
    }

    private static bool Contains(System.IO.Compression.ZipArchiveEntry entry, string text)
    {
        using var reader = new StreamReader(entry.Open(), System.Text.Encoding.Latin1);
        string content = reader.ReadToEnd();
        return content.Contains(text, StringComparison.Ordinal) || content.Contains(string.Join('\0', text.ToCharArray()), StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownTokenizerIsRejectedByName()
    {
        var ml = new MLContext(seed: 1);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ml.Transforms.Text.TokenizeToIds("Tokens", "Text", tokenizer: (TokenizerKind)9));
        Assert.Equal("Tokenizer", error.ParamName);
    }
}
