using Spectre.Console;

namespace MLExt.Cli.Output;

/// <summary>Shows a spinner (on a terminal) or a plain line while work without progress reports runs.</summary>
internal static class StatusDisplay
{
    /// <summary>Runs <paramref name="work"/> under the status text <paramref name="text"/>.</summary>
    public static T Run<T>(CliOutput output, string text, Func<T> work)
    {
        if (!output.Interactive)
        {
            output.Line(text);
            return work();
        }
        return output.Report.Status().Spinner(Spinner.Known.Dots).Start(Markup.Escape(text), _ => work());
    }
}
