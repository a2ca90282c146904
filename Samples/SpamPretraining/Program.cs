using System.Diagnostics;
using System.Globalization;
using MLExt.Data;
using MLExt.Transforms;

namespace MLExt.Samples.SpamPretraining;

/// <summary>
/// Usage: <c>dotnet run -c Release --project Samples/SpamPretraining [-- pretrainingEpochs [labelledFraction [words|gpt2|cl100k|o200k]]]</c>.
/// Prints the masked-token loss before and after pretraining and the test figures of both classifiers.
/// </summary>
internal static class Program
{
    private static void Main(string[] args)
    {
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        var settings = new PretrainingSettings();
        if (args.Length > 0) settings = settings with { PretrainingEpochs = int.Parse(args[0], CultureInfo.InvariantCulture) };
        if (args.Length > 1) settings = settings with { LabelledFraction = double.Parse(args[1], CultureInfo.InvariantCulture) };
        if (args.Length > 2) settings = settings with { Tokenizer = Tokenizer(args[2]) };
        Console.WriteLine($"Settings: {settings}");
        var clock = Stopwatch.StartNew();
        var mails = SpamMails.Load();
        var result = new PretrainingComparison(settings, Console.WriteLine).Run(mails.Train, mails.Test);
        Console.WriteLine();
        Console.WriteLine($"Masked-token loss: {result.LossBefore:0.000} before, {result.LossAfter:0.000} after pretraining.");
        Console.WriteLine($"{"model",-26} {"F1",7} {"ROC AUC",8} {"accuracy",9}");
        foreach (var s in new[] { result.FineTuned, result.Scratch })
            Console.WriteLine($"{s.Model,-26} {s.F1,7:0.000} {s.Auc,8:0.000} {s.Accuracy,9:0.000}");
        Console.WriteLine($"Total {clock.Elapsed.TotalSeconds:0} s.");
    }

    private static TokenizerKind Tokenizer(string name) => name.ToLowerInvariant() switch
    {
        "words" => TokenizerKind.Words,
        "gpt2" => TokenizerKind.Gpt2,
        "cl100k" => TokenizerKind.Cl100k,
        "o200k" => TokenizerKind.O200k,
        _ => throw new ArgumentException($"The third argument (tokenizer) must be words, gpt2, cl100k or o200k, got '{name}'."),
    };
}
