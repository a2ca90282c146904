using System.CommandLine;
using MLExt.AutoML;
using MLExt.Cli.Output;

namespace MLExt.Cli.Commands;

/// <summary><c>mlext study list|show|report</c>: reads studies shared in a PostgreSQL database, from any machine.</summary>
internal static class StudyCommand
{
    /// <summary>Creates the command and its three subcommands.</summary>
    public static Command Create(CommandContext context)
    {
        var command = new Command("study", "Read studies shared in a PostgreSQL database (mlext tune --storage): list them, show one's leaderboard, write its report.");
        command.Subcommands.Add(List(context));
        command.Subcommands.Add(Show(context));
        command.Subcommands.Add(Report(context));
        return command;
    }

    /// <summary>Opens the study <paramref name="name"/> in <paramref name="address"/>; a bad address is the user's error.</summary>
    public static PostgresStudyStorage Open(string address, string name)
    {
        if (!PostgresAddress.IsPostgres(address))
            throw new UserException($"--storage: '{PostgresAddress.Redact(address)}' is not a PostgreSQL address; write postgresql://USER:PASSWORD@HOST:PORT/DATABASE or Host=…;Database=…;Username=…");
        try
        {
            return new PostgresStudyStorage(address, name);
        }
        catch (StudyStorageException e)
        {
            throw new UserException($"--storage: {e.Message}");
        }
    }

    private static Option<string> StorageOption() => new("--storage") { Description = "The PostgreSQL database: postgresql://USER:PASSWORD@HOST:PORT/DATABASE or Host=…;Database=…;Username=….", HelpName = "ADDRESS", Required = true };

    private static Option<string> NameOption() => new("--study-name") { Description = "The study's name.", HelpName = "NAME", Required = true };

    private static Command List(CommandContext context)
    {
        var storage = StorageOption();
        var command = new Command("list", "The studies in the database: trials, completed, running and the best value.") { storage };
        command.SetAction(parseResult => context.Run(parseResult, output =>
        {
            string address = parseResult.GetValue(storage)!;
            using var probe = Open(address, "-");
            var studies = Read(() => PostgresStudyStorage.List(address));
            ReportTable.Write(output, $"{studies.Count} studies in {probe.Address}:", ["study", "direction", "trials", "completed", "running", "best", "made by"],
                studies.Select(s => (IReadOnlyList<string>)[s.Name, s.Direction.ToLowerInvariant(), s.Trials.ToString(), s.Completed.ToString(), s.Running.ToString(),
                    s.BestValue is { } b ? ReportTable.Figure(b) : "-", s.IsMLExt ? "MLExt" : "Optuna"]));
            output.FinalJson(new { Command = "study list", Studies = studies });
            return 0;
        }));
        return command;
    }

    private static Command Show(CommandContext context)
    {
        var storage = StorageOption();
        var name = NameOption();
        var command = new Command("show", "A study's settings, trial counts, leaderboard and best parameters.") { storage, name };
        command.SetAction(parseResult => context.Run(parseResult, output =>
        {
            var (header, trials) = Load(parseResult.GetValue(storage)!, parseResult.GetValue(name)!, out string description);
            string metric = ExperimentMetrics.Name(header.Metric);
            output.Line($"{description}: {header.Task}, metric {metric}, tuner {header.Tuner}, seed {header.Seed}, epochs {header.MinEpochs}–{header.MaxEpochs}.");
            output.Line($"Trials finished: {trials.Count} ({trials.Count(t => t.Status == TrialStatus.Completed)} completed, " +
                $"{trials.Count(t => t.Status == TrialStatus.Pruned)} pruned, {trials.Count(t => t.Status == TrialStatus.Failed)} failed).");
            var ranked = Ranked(header, trials);
            ReportTable.Write(output, $"Leaderboard (best {Math.Min(10, ranked.Count)} of {ranked.Count} completed trials):", ["trial", metric, "budget", "epochs", "seconds"],
                ranked.Take(10).Select(r => (IReadOnlyList<string>)[r.Id.ToString(), ReportTable.Figure(r.Metric), r.Budget?.ToString() ?? "full",
                    r.EpochsTrained.ToString(), ReportTable.Seconds(r.Duration.TotalSeconds)]));
            output.Line(ranked.Count > 0 ? $"Best: trial {ranked[0].Id}, {metric} {ReportTable.Figure(ranked[0].Metric)}: {ranked[0].Parameters}" : "No trial completed.");
            output.FinalJson(new
            {
                Command = "study show", Study = parseResult.GetValue(name), Metric = metric, header.Tuner, Trials = trials.Count,
                Best = ranked.Count > 0 ? new { ranked[0].Id, ranked[0].Metric, Parameters = ranked[0].Parameters.ToDictionary(p => p.Key, p => p.Value) } : null,
            });
            return 0;
        }));
        return command;
    }

    private static Command Report(CommandContext context)
    {
        var storage = StorageOption();
        var name = NameOption();
        var directory = new Option<string>("--report") { Description = "Directory for report.md, report.html, report.json and plots/ (as mlext tune --report writes them).", HelpName = "DIR", Required = true };
        var command = new Command("report", "Writes a study's report with plots, the one mlext tune --report writes.") { storage, name, directory };
        command.SetAction(parseResult => context.Run(parseResult, output =>
        {
            string reportDirectory = parseResult.GetValue(directory)!;
            new CommandFiles().Output("--report", reportDirectory, folder: true).Check();
            var (header, trials) = Load(parseResult.GetValue(storage)!, parseResult.GetValue(name)!, out string description);
            var space = StudySpaces.Find(header)
                ?? throw new UserException($"--study-name: {description} searched a space of its own (not one of mlext tune's); write its report from C# with StudyReportWriter");
            var result = new ExperimentResult(header.Task, header.Metric, header.Tuner, space, trials, StopReason.MaxTrials, TimeSpan.Zero, null);
            var written = StudyReportWriter.WriteAll(result, reportDirectory, [$"Study: {description}."]);
            output.Line($"Report: {Path.Combine(reportDirectory, "report.html")} (also report.md, report.json and {(written.Count - 3) / 2} plots as PNG and SVG).");
            output.FinalJson(new { Command = "study report", Study = parseResult.GetValue(name), Report = reportDirectory, Files = written.Count });
            return 0;
        }));
        return command;
    }

    private static (StudyHeader Header, IReadOnlyList<TrialRecord> Trials) Load(string address, string name, out string description)
    {
        using var storage = Open(address, name);
        description = storage.Description;
        var header = Read(storage.ReadHeader);
        return (header, Read(storage.Trials));
    }

    private static List<TrialRecord> Ranked(StudyHeader header, IReadOnlyList<TrialRecord> trials)
    {
        bool higher = ExperimentMetrics.HigherIsBetter(header.Metric);
        return trials.Where(t => t.Status == TrialStatus.Completed && double.IsFinite(t.Metric))
            .OrderBy(t => higher ? -t.Metric : t.Metric).ThenBy(t => t.Id).ToList();
    }

    private static T Read<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (StudyStorageException e)
        {
            throw new UserException($"--storage: {e.Message}");
        }
    }
}
