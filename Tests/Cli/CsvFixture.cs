using System.Globalization;
using System.Text;

namespace MLExt.Tests.Cli;

/// <summary>Small generated data files for the CLI tests, written once into a temporary folder.</summary>
public sealed class CsvFixture : IDisposable
{
    private readonly TempFolder _folder = new();

    /// <summary>Writes the files.</summary>
    public CsvFixture()
    {
        var random = new Random(7);
        var binary = new StringBuilder("x1,x2,colour,label\n");
        var multiclass = new StringBuilder("x1\tx2\tshape\tspecies\n");
        var regression = new StringBuilder("size,rooms,district,price\n");
        string[] colours = ["red", "green", "blue"], shapes = ["round", "long"], districts = ["north", "south"];
        for (int i = 0; i < 150; i++)
        {
            double x1 = random.NextDouble() * 2 - 1, x2 = random.NextDouble() * 2 - 1;
            string colour = colours[i % 3];
            binary.Append(Invariant($"{x1:F3},{x2:F3},{colour},{(x1 + x2 + (colour == "red" ? 0.5 : 0) > 0 ? "yes" : "no")}\n"));
            string species = x1 > 0.3 ? "setosa" : x2 > 0 ? "versicolor" : "virginica";
            multiclass.Append(Invariant($"{x1:F3}\t{x2:F3}\t{shapes[i % 2]}\t{species}\n"));
            string district = districts[i % 2];
            // Every tenth size is missing: the CLI replaces it by the column mean.
            string size = i % 10 == 0 ? "" : Invariant($"{50 + 100 * random.NextDouble():F1}");
            double price = 100 + 2 * (size.Length == 0 ? 100 : double.Parse(size, CultureInfo.InvariantCulture)) + 20 * (i % 4) + (district == "north" ? 50 : 0);
            regression.Append(Invariant($"{size},{i % 4},{district},{price:F1}\n"));
        }
        Binary = Write("binary.csv", binary.ToString());
        Multiclass = Write("multiclass.tsv", multiclass.ToString());
        Regression = Write("regression.csv", regression.ToString());
        Empty = Write("empty.csv", "");
        TextLabel = Write("text-label.csv", "x,y\n1,low\n2,high\n3,low\n4,high\n");
    }

    /// <summary>Comma-separated: x1, x2, colour (text), label (yes/no).</summary>
    public string Binary { get; }

    /// <summary>Tab-separated: x1, x2, shape (text), species (3 classes).</summary>
    public string Multiclass { get; }

    /// <summary>Comma-separated: size (some missing), rooms, district (text), price.</summary>
    public string Regression { get; }

    /// <summary>An empty file.</summary>
    public string Empty { get; }

    /// <summary>A file whose column y is text.</summary>
    public string TextLabel { get; }

    /// <summary>A path in the fixture's folder that does not exist.</summary>
    public string Missing => _folder.PathOf("missing.csv");

    /// <inheritdoc />
    public void Dispose() => _folder.Dispose();

    private string Write(string name, string content) => _folder.Write(name, content);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
