using System.Text;
using MLExt.Cli.Data;
using MLExt.Tests.Cli;

namespace MLExt.Tests.Reliability;

/// <summary>
/// Promise: a column is typed as a user reads it. A numeric column with a few cells that are not finite numbers (<c>inf</c>,
/// <c>-inf</c>, <c>Infinity</c>, <c>1e39</c>, an undecodable byte, a stray word) stays numeric; those cells are read as missing,
/// and the command says so, naming the first one and its line. A column that is mostly text is text, and the report says why.
/// </summary>
public class NumericColumnsWithAFewBadCellsStayNumeric
{
    [Theory]
    [InlineData("inf")]
    [InlineData("-inf")]
    [InlineData("Infinity")]
    [InlineData("1e39")]
    [InlineData("oops")]
    public void OneBadCellLeavesTheColumnNumeric(string bad)
    {
        using var folder = new TempFolder();
        var file = DelimitedFile.Profile(folder.Write("a.csv", Rows(40, badRow: 5, bad)));

        var x = file.Columns[0];
        Assert.True(x.IsNumeric);
        Assert.False(x.IsCleanNumeric);
        Assert.Equal(1, x.BadCells);
        Assert.Equal(bad, x.FirstNonNumeric);
        Assert.Equal(7, x.FirstNonNumericLine); // header on line 1, row 0 on line 2
    }

    [Fact]
    public void AnUndecodableByteIsABadCell()
    {
        using var folder = new TempFolder();
        string path = folder.PathOf("bytes.csv");
        var bytes = Encoding.UTF8.GetBytes(Rows(40, badRow: 3, "0.1#2")).ToArray();
        bytes[Array.IndexOf(bytes, (byte)'#')] = 0xFF;
        File.WriteAllBytes(path, bytes);

        var x = DelimitedFile.Profile(path).Columns[0];

        Assert.True(x.IsNumeric);
        Assert.Equal(1, x.BadCells);
        Assert.Equal(5, x.FirstNonNumericLine);
    }

    [Fact]
    public void MostlyTextIsText()
    {
        using var folder = new TempFolder();
        var file = DelimitedFile.Profile(folder.Write("t.csv", "x,label\n1,a\nred,b\nblue,a\ngreen,b\n2,a\n"));
        Assert.False(file.Columns[0].IsNumeric);
    }

    [Fact]
    public void TrainSaysWhatItDecided()
    {
        using var folder = new TempFolder();
        string data = folder.Write("a.csv", Rows(60, badRow: 4, "inf"));

        var run = CliRun.Of("train", "--data", data, "--label", "label", "--task", "binary", "--epochs", "1");

        run.AssertSuccess();
        Assert.Contains("x (numeric; 1 not a number (first on line 6: 'inf') read as missing, replaced by the column mean)", run.Stdout);
    }

    [Fact]
    public void ARegressionLabelMustBeFiniteEverywhere()
    {
        using var folder = new TempFolder();
        string data = folder.Write("r.csv", "x,y\n1,2\n2,inf\n3,4\n4,5\n5,6\n");

        CliRun.Of("train", "--data", data, "--label", "y", "--task", "regression", "--epochs", "1")
            .AssertFailure(1, "--label", "'y'", "finite numbers", "line 3 holds 'inf'");
    }

    // x is i/10 except one bad cell; label alternates so that both classes fall on each side of any split.
    private static string Rows(int count, int badRow, string bad)
    {
        var text = new StringBuilder("x,label\n");
        for (int i = 0; i < count; i++)
            text.Append(i == badRow ? bad : (i / 10.0).ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(',').Append(i % 3 == 0 ? "yes" : "no").Append('\n');
        return text.ToString();
    }
}
