using System.Text;
using MLExt.Data;
using MLExt.IO;

namespace MLExt.Samples.SpamWithNumbers;

/// <summary>
/// Usage: <c>dotnet run -c Release --project Samples/SpamWithNumbers -- FILE</c>. Writes the 5,897 SpamAssassin mails
/// shipped in MLExt.Data as a TSV file with a text column, the <see cref="MailNumbers"/> columns and a spam/ham label,
/// then prints the three <c>mlext train</c> commands that compare the text alone, the numbers alone and both in one
/// two-input model (same split and seed).
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        if (args.Length != 1)
        {
            Console.Error.WriteLine("Usage: dotnet run -c Release --project Samples/SpamWithNumbers -- FILE.tsv");
            return 2;
        }
        var mails = SpamMails.Load();
        var file = new StringBuilder($"text\t{string.Join('\t', MailNumbers.Names)}\tlabel\n");
        foreach (var mail in mails.Train.Concat(mails.Test))
        {
            // Tabs and line breaks inside a mail would end the field: the text keeps its words without them.
            string cleaned = mail.Text.Replace('\t', ' ').Replace('\r', ' ').Replace('\n', ' ').Replace('"', '\'');
            file.Append(cleaned).Append('\t').AppendJoin('\t', MailNumbers.Fields(mail.Text)).Append('\t').Append(mail.Label ? "spam" : "ham").Append('\n');
        }
        AtomicFile.WriteAllText(args[0], file.ToString());
        Console.WriteLine($"Wrote {mails.Train.Count + mails.Test.Count:N0} mails to {args[0]}. Compare (same split, seed and settings):");
        string common = $"--data {args[0]} --label label --task binary --epochs 6 --layers 32 --learning-rate 0.002 --batch-size 32 --seed 1";
        string text = "--text text --network transformer --max-length 32 --embedding 32";
        string numbers = $"--features {string.Join(',', MailNumbers.Names)}";
        Console.WriteLine($"  mlext train {common} {text}");
        Console.WriteLine($"  mlext train {common} {numbers} --baselines none");
        Console.WriteLine($"  mlext train {common} {text} {numbers}");
        return 0;
    }
}
