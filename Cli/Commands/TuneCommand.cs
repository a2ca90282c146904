using System.CommandLine;
using MLExt.AutoML;
using MLExt.Cli.Training;

namespace MLExt.Cli.Commands;

/// <summary><c>mlext tune</c>: a hyperparameter search over MLExt networks and ML.NET trainers on a CSV/TSV file (or the embedded MNIST digits).</summary>
internal static class TuneCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CommandContext context)
    {
        var data = new Option<string>("--data") { Description = "CSV or TSV file with a header row. Without it: the MNIST digits shipped with MLExt (8,000 training digits, multiclass).", HelpName = "FILE" };
        var label = new Option<string>("--label") { Description = "Column to predict (required with --data).", HelpName = "COLUMN" };
        var task = new Option<string>("--task") { Description = "What to predict: binary, multiclass, or regression (required with --data)." };
        task.AcceptOnlyFromAmong("binary", "multiclass", "regression");
        var features = new Option<string[]>("--features") { Description = "Feature columns, comma-separated (default: every other column).", HelpName = "COLUMNS" };
        var metric = new Option<string>("--metric") { Description = $"Metric to optimise: {string.Join(", ", ExperimentMetrics.Names)} (default: auc, macro-accuracy or rmse by task; accuracy on MNIST).", HelpName = "NAME" };
        var trials = new Option<int?>("--trials") { Description = "Most trials, counting those of a resumed study (default 20, or no limit with --time).", HelpName = "N" };
        var time = new Option<double?>("--time") { Description = "Time budget in seconds; running trials stop when it is spent.", HelpName = "SECONDS" };
        var tuner = new Option<string>("--tuner") { Description = $"Search strategy: {string.Join(", ", TunerFactory.Names.Order())}.", DefaultValueFactory = _ => "tpe", HelpName = "NAME" };
        var parallel = new Option<int>("--parallel") { Description = "Trials run at once (≥ 1).", DefaultValueFactory = _ => 1, HelpName = "K" };
        var study = new Option<string>("--study") { Description = "JSON-lines study file written as the search goes; with --resume an existing one is continued.", HelpName = "FILE" };
        var resume = new Option<bool>("--resume") { Description = "Continue the study in --study (same data, task, metric, tuner and seed)." };
        var storage = new Option<string>("--storage") { Description = "A PostgreSQL database shared by any number of workers: postgresql://USER:PASSWORD@HOST:PORT/DATABASE or Host=…;Database=…;Username=…. Run the same command on every machine; --trials counts the trials of all of them.", HelpName = "ADDRESS" };
        var studyName = new Option<string>("--study-name") { Description = "The study's name in --storage; workers naming the same study join it (joining is resuming).", HelpName = "NAME" };
        var retryFailed = new Option<bool>("--retry-failed-trials") { Description = "With --storage: run a trial again (same number and parameters) when its worker stops sending heartbeats, instead of failing it." };
        var report = new Option<string>("--report") { Description = "Directory for report.md, report.html, report.json and plots/.", HelpName = "DIR" };
        var seed = new Option<int>("--seed") { Description = "Seed of the tuner, the folds or hold-out, and every trial.", DefaultValueFactory = _ => 1 };
        var folds = new Option<int>("--folds") { Description = "Score each trial by k-fold cross-validation (≥ 2; stratified for classification); 0 scores on a hold-out.", DefaultValueFactory = _ => 0 };
        var validationFraction = new Option<double>("--validation-fraction") { Description = "Hold-out fraction when --folds is 0, in (0, 1).", DefaultValueFactory = _ => 0.2 };
        var maxEpochs = new Option<int>("--max-epochs") { Description = "Most epochs of a network trial (the full budget).", DefaultValueFactory = _ => 20 };
        var minEpochs = new Option<int>("--min-epochs") { Description = "Fewest epochs of a network trial (the smallest multi-fidelity budget).", DefaultValueFactory = _ => 1 };
        var trainers = new Option<string[]>("--trainers") { Description = "Trainers to search, comma-separated: network, sdca (logistic regression, maximum entropy or least squares), " +
            "lbfgs (logistic regression or maximum entropy; classification), lbfgs-poisson (Poisson regression, labels ≥ 0; regression, only when named), " +
            "fasttree, lightgbm (default: all but lbfgs-poisson).", HelpName = "NAMES" };
        var model = new Option<string>("--model") { Description = "Save the best configuration, refitted on all the data, as an ML.NET model zip.", HelpName = "FILE" };
        var ensemble = new Option<bool>("--ensemble")
        {
            Description = "Also build an ensemble of the finished trials by greedy selection with replacement on their held-out predictions " +
                "(Caruana et al. 2004, as auto-sklearn) and report it beside the best trial.",
        };
        var ensembleSize = new Option<int>("--ensemble-size") { Description = "Greedy steps of --ensemble (≥ 1).", DefaultValueFactory = _ => 25, HelpName = "N" };
        var command = new Command("tune", "Search hyperparameters of MLExt networks and ML.NET trainers (one space under a Trainer choice): cross-validated or hold-out scores, pruning, parallel trials, a resumable study file and a report.")
        {
            data, label, task, features, metric, trials, time, tuner, parallel, study, resume, storage, studyName, retryFailed, report, seed, folds, validationFraction, maxEpochs, minEpochs, trainers, model, ensemble, ensembleSize,
        };
        command.SetAction(parseResult => context.Run(parseResult, output =>
        {
            string? dataPath = parseResult.GetValue(data);
            string? labelName = parseResult.GetValue(label);
            string? taskName = parseResult.GetValue(task);
            if (dataPath is not null && labelName is null)
                throw new UserException("--label is required with --data");
            if (dataPath is not null && taskName is null)
                throw new UserException("--task is required with --data");
            if (dataPath is null && (labelName is not null || taskName is not null || parseResult.GetValue(features) is { Length: > 0 }))
                throw new UserException("--label, --task and --features need --data; without --data the search runs on the embedded MNIST digits");
            string tunerName = parseResult.GetValue(tuner)!;
            if (!TunerFactory.Names.Contains(tunerName, StringComparer.OrdinalIgnoreCase))
                throw new UserException($"--tuner must be one of {string.Join(", ", TunerFactory.Names.Order())}, got '{tunerName}'");
            ExperimentMetric? metricValue = null;
            if (parseResult.GetValue(metric) is { } metricName)
                metricValue = ExperimentMetrics.Names.Contains(metricName.ToLowerInvariant()) ? ExperimentMetrics.Parse(metricName)
                    : throw new UserException($"--metric must be one of {string.Join(", ", ExperimentMetrics.Names)}, got '{metricName}'");
            int? trialCount = parseResult.GetValue(trials) is { } n ? OptionRules.AtLeastOne("--trials", n) : null;
            double? seconds = parseResult.GetValue(time);
            if (seconds is { } s && !(s > 0 && double.IsFinite(s)))
                throw new UserException($"--time must be a positive number of seconds, got {s}");
            int foldCount = parseResult.GetValue(folds);
            if (foldCount is 1 or < 0)
                throw new UserException($"--folds must be 0 (a hold-out) or at least 2, got {foldCount}");
            double fraction = parseResult.GetValue(validationFraction);
            if (!(fraction is > 0 and < 1))
                throw new UserException($"--validation-fraction must be between 0 and 1 (exclusive), got {fraction}");
            int max = OptionRules.AtLeastOne("--max-epochs", parseResult.GetValue(maxEpochs));
            int min = OptionRules.AtLeastOne("--min-epochs", parseResult.GetValue(minEpochs));
            if (min > max)
                throw new UserException($"--min-epochs ({min}) must not exceed --max-epochs ({max})");
            string? studyPath = parseResult.GetValue(study);
            bool resumeStudy = parseResult.GetValue(resume);
            if (resumeStudy && studyPath is null)
                throw new UserException("--resume needs --study FILE");
            if (resumeStudy && !File.Exists(studyPath))
                throw new UserException($"--resume: the study file '{studyPath}' does not exist");
            if (!resumeStudy && studyPath is not null && File.Exists(studyPath))
                throw new UserException($"--study: '{studyPath}' exists already; add --resume to continue it or choose another file");
            string? storageAddress = parseResult.GetValue(storage);
            string? name = parseResult.GetValue(studyName);
            if (storageAddress is not null && name is null)
                throw new UserException("--storage needs --study-name NAME (workers naming the same study share it)");
            if (name is not null && storageAddress is null)
                throw new UserException("--study-name needs --storage ADDRESS");
            if (storageAddress is not null && (studyPath is not null || resumeStudy))
                throw new UserException("--storage replaces --study and --resume: a study in a database is joined (and so resumed) by its name");
            if (parseResult.GetValue(retryFailed) && storageAddress is null)
                throw new UserException("--retry-failed-trials needs --storage");
            string? reportDirectory = parseResult.GetValue(report);
            var trainerNames = OptionRules.ColumnList(parseResult.GetValue(trainers)).Select(t => t.ToLowerInvariant()).Distinct().ToArray();
            var request = new TuneRequest(dataPath, labelName, taskName is null ? null : Enum.Parse<TaskKind>(taskName, ignoreCase: true),
                OptionRules.ColumnList(parseResult.GetValue(features)), metricValue, trialCount, seconds, tunerName.ToLowerInvariant(),
                OptionRules.AtLeastOne("--parallel", parseResult.GetValue(parallel)), studyPath, resumeStudy, reportDirectory,
                parseResult.GetValue(seed), foldCount, fraction, min, max, trainerNames.Length == 0 ? null : trainerNames,
                parseResult.GetValue(model))
            {
                Storage = storageAddress, StudyName = name, RetryFailedTrials = parseResult.GetValue(retryFailed),
                EnsembleSize = !parseResult.GetValue(ensemble) ? 0 : storageAddress is not null
                    ? throw new UserException("--ensemble needs every trial's predictions in this process; with --storage other workers hold them")
                    : OptionRules.AtLeastOne("--ensemble-size", parseResult.GetValue(ensembleSize)),
            };
            // With --resume the study is read and appended to in place (a journal, not a file replaced).
            new CommandFiles().Input("--data", dataPath).Output("--study", studyPath).Output("--report", reportDirectory, folder: true)
                .Output("--model", request.ModelPath).Check();
            return TuneRunner.Run(request, output);
        }));
        return command;
    }
}
