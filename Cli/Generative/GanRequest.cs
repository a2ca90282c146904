using MLExt.Neural;

namespace MLExt.Cli.Generative;

/// <summary>A validated <c>mlext gan</c> run.</summary>
/// <param name="Architecture">DCGAN or MLP.</param>
/// <param name="Width">The networks' width (DCGAN base filters; MLP hidden units / 4).</param>
/// <param name="Options">Training settings (classes 10 when conditional).</param>
/// <param name="ScoreSamples">Samples the digit score is measured on.</param>
/// <param name="Samples">Samples written to <paramref name="OutputPath"/> (0: none).</param>
/// <param name="OutputPath">The samples CSV, or null.</param>
/// <param name="ReportDirectory">Where the per-epoch PNG grids go.</param>
internal sealed record GanRequest(GanArchitecture Architecture, int Width, GanOptions Options, int ScoreSamples, int Samples, string? OutputPath,
    string ReportDirectory)
{
    /// <summary>Whether the GAN is class-conditional.</summary>
    public bool Conditional => Options.Classes > 0;
}
