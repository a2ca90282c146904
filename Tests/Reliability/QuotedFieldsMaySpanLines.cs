using MLExt.Cli.Data;
using MLExt.Tests.Cli;

namespace MLExt.Tests.Reliability;

/// <summary>
/// Promise: CSV files are read as RFC 4180 writes them. A quoted field may hold the separator, doubled quotes and line breaks;
/// line numbers in messages are those of the file. A quote never closed, or a separator left unquoted, is named as the cause.
/// </summary>
public class QuotedFieldsMaySpanLines
{
    private const string Mails = "subject,body,spam\n" +
        "hello,\"Dear friend,\nwin \"\"big\"\" now\",yes\n" +
        "minutes,\"see you\nat ten\",no\n" +
        "offer,cheap pills,yes\n" +
        "lunch,\"noon?\n\nok\",no\n";

    [Fact]
    public void AQuotedFieldKeepsItsLineBreaks()
    {
        using var folder = new TempFolder();
        var file = DelimitedFile.Profile(folder.Write("mails.csv", Mails));

        Assert.Equal(4, file.Rows);
        var (fields, line) = file.Row(0);
        Assert.Equal("Dear friend,\nwin \"big\" now", fields[1]);
        Assert.Equal(2, line);
        Assert.Equal(7, file.Row(3).Line);
        Assert.Equal("noon?\n\nok", file.Row(3).Fields[1]);
    }

    [Fact]
    public void TrainingReadsMultiLineRecordsAsOneRow()
    {
        using var folder = new TempFolder();
        string rows = string.Concat(Enumerable.Range(0, 30).Select(i => $"{i},\"line one\nline {i % 3}\",{(i % 2 == 0 ? "yes" : "no")}\n"));
        string data = folder.Write("multi.csv", "n,note,label\n" + rows);

        var run = CliRun.Of("train", "--data", data, "--label", "label", "--task", "binary", "--epochs", "1");

        run.AssertSuccess();
        Assert.Contains("30 rows", run.Stdout);
        Assert.Contains("note (text, 3 values, one-hot)", run.Stdout);
    }

    [Fact]
    public void EvaluateCountsLinesAcrossMultiLineRecords()
    {
        using var folder = new TempFolder();
        string data = folder.Write("scored.csv", "note,y,s\n\"two\nlines\",yes,0.9\nplain,no,0.2\n\"three\nlong\nlines\",yes,\nx,no,0.1\ny,yes,0.8\n");

        var run = CliRun.Of("evaluate", "--data", data, "--label", "y", "--score", "s", "--report", folder.PathOf("r"), "--json");

        run.AssertSuccess();
        Assert.Contains(run.Json().GetProperty("warnings").EnumerateArray(), w =>
            w.GetString() == "1 row(s) with a missing or non-finite value in --score column 's' were left out (first on line 5).");
    }

    [Fact]
    public void ALineOfSpacesIsNamedNotReadAsARow()
    {
        // ML.NET's TextLoader skips empty lines but reads a line of spaces as a row of missing values.
        using var folder = new TempFolder();
        var error = Assert.Throws<MLExt.Cli.UserException>(() => DelimitedFile.Profile(folder.Write("sp.csv", "a,b\n1,2\n\n   \n3,4\n")));
        Assert.Contains("line 4 holds only spaces", error.Message);
    }

    [Fact]
    public void AQuoteNeverClosedIsNamedWithItsLine()
    {
        using var folder = new TempFolder();
        var error = Assert.Throws<MLExt.Cli.UserException>(() => DelimitedFile.Profile(folder.Write("open.csv", "a,b\n1,2\n3,\"four\n5,6\n")));
        Assert.Equal($"{folder.PathOf("open.csv")}, line 3: a quoted field (\") opened on this line is never closed", error.Message);
    }

    [Fact]
    public void AnUnquotedSeparatorIsNamedAsTheCause()
    {
        using var folder = new TempFolder();
        var error = Assert.Throws<MLExt.Cli.UserException>(() => DelimitedFile.Profile(folder.Write("sep.csv", "a,b\n1,2\n3,four,five\n")));
        Assert.Contains("line 3: 3 fields, but the header names 2 columns; a field holding the separator must be quoted", error.Message);
    }
}
