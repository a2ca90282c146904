using MLExt.Cli;
using MLExt.Cli.Data;

namespace MLExt.Tests.Cli;

public sealed class DelimitedFileTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Theory]
    [InlineData("a.csv", "x,y,z", ',')]
    [InlineData("a.tsv", "x\ty\tz", '\t')]
    [InlineData("a.csv", "x;y;z", ';')]
    [InlineData("a.txt", "x\ty\tz", '\t')]
    [InlineData("a.tsv", "x", '\t')]
    [InlineData("a.csv", "\"a,b\"\tc", '\t')]
    public void DetectsTheSeparator(string file, string header, char expected) =>
        Assert.Equal(expected, DelimitedFile.DetectSeparator(file, header));

    [Fact]
    public void SplitsQuotedFields() =>
        Assert.Equal(["a,b", "say \"hi\"", "", "c"], DelimitedFile.SplitFields("\"a,b\",\"say \"\"hi\"\"\",,c", ','));

    [Fact]
    public void InfersNumericAndTextColumnsAndCountsMissingValues()
    {
        var file = DelimitedFile.Profile(Write("p.csv", "n,t,m\n1.5,a,1\n-2e3,b,NA\n\n3,a,\n"));
        Assert.Equal(3, file.Rows);
        Assert.Equal([true, false, true], file.Columns.Select(c => c.IsNumeric));
        Assert.Equal(["a", "b"], file.Columns[1].Distinct.Order());
        Assert.Equal(2, file.Columns[2].Missing);
        Assert.Equal(3, file.Columns[2].FirstMissingLine);
        Assert.Equal("a", file.Columns[1].FirstNonNumeric);
        Assert.Equal(2, file.Columns[1].FirstNonNumericLine);
    }

    [Theory]
    [InlineData("x,y\n1,2\n3\n", "line 3: 1 fields, but the header names 2 columns")]
    [InlineData("x,x\n1,2\n", "column 'x' appears twice")]
    [InlineData("x,,z\n1,2,3\n", "column 2 has no name")]
    [InlineData("x,y\n", "has a header but no data rows")]
    [InlineData("\n\n", "is empty")]
    public void RejectsMalformedFiles(string content, string message)
    {
        var error = Assert.Throws<UserException>(() => DelimitedFile.Profile(Write("bad.csv", content)));
        Assert.Contains(message, error.Message);
    }

    public void Dispose() => _folder.Dispose();

    private string Write(string name, string content) => _folder.Write(name, content);
}
