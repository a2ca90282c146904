using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace MLExt.Benchmarks.Reporting;

/// <summary>
/// The figures of one suite run: tables for the console and one JSON object holding every figure.
/// With <c>--json</c> only the JSON goes to standard output; progress and notes go to standard error.
/// </summary>
internal sealed class SuiteReport
{
    private readonly List<(string Title, string[] Columns, List<string[]> Rows)> _tables = [];
    private readonly List<string> _notes = [];

    private readonly LoadWindow _run = LoadAverage.Open();

    public SuiteReport(string suite, bool json)
    {
        IsJson = json;
        Json = new JsonObject { ["suite"] = suite, ["machine"] = Machine.ToJson() };
    }

    /// <summary>Adds the note that explains the per-measurement load column.</summary>
    public void LoadNote() => Note("load: the 1-minute load average before→after the measurement and the share of the "
        + "machine's CPU time other processes took during it; \"busy\" marks a figure taken while other processes took "
        + $"more than {LoadWindow.Percent(LoadWindow.BusyShare)} of the {Machine.Cores} cores: read it as noise, not capability.");

    /// <summary>Whether the run prints JSON.</summary>
    public bool IsJson { get; }

    /// <summary>The JSON object printed with <c>--json</c>.</summary>
    public JsonObject Json { get; }

    /// <summary>Adds a table for the console output.</summary>
    public List<string[]> Table(string title, params string[] columns)
    {
        var rows = new List<string[]>();
        _tables.Add((title, columns, rows));
        return rows;
    }

    /// <summary>Adds a note printed under the tables (and kept in the JSON's <c>notes</c>).</summary>
    public void Note(string text)
    {
        _notes.Add(text);
        (Json["notes"] ??= new JsonArray()).AsArray().Add(text);
    }

    /// <summary>A progress line, on standard error so that JSON output stays clean.</summary>
    public static void Progress(string text) => Console.Error.WriteLine(text);

    /// <summary>Prints the report.</summary>
    public void Print()
    {
        var run = _run.Close();
        Json["load"] = run.ToJson();
        Note($"Load average over the whole run: {run}.");
        if (IsJson)
        {
            Console.WriteLine(Json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            return;
        }
        if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = 160;
        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(Machine.Describe())}[/]");
        foreach (var (title, columns, rows) in _tables)
        {
            var table = new Table { Title = new TableTitle(title) };
            foreach (var column in columns) table.AddColumn(new TableColumn(Markup.Escape(column)).RightAligned());
            table.Columns[0].LeftAligned();
            foreach (var row in rows) table.AddRow(row.Select(Markup.Escape).ToArray());
            AnsiConsole.Write(table);
        }
        foreach (var note in _notes) AnsiConsole.MarkupLine(Markup.Escape(note));
    }
}
