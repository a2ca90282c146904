using MLExt.Trainers;

namespace MLExt.Cli.Explain;

/// <summary>What <c>mlext explain</c> was asked.</summary>
internal sealed record ExplainRequest(string ModelPath, string DataPath, string Method, int Rows, int Steps, string ReportDirectory)
{
    /// <summary>The <c>--method</c> names.</summary>
    public static IReadOnlyDictionary<string, AttributionMethod> Methods { get; } = new Dictionary<string, AttributionMethod>
    {
        ["ig"] = AttributionMethod.IntegratedGradients,
        ["saliency"] = AttributionMethod.Saliency,
        ["gradient-input"] = AttributionMethod.GradientTimesInput,
        ["smoothgrad"] = AttributionMethod.SmoothGrad,
        ["occlusion"] = AttributionMethod.Occlusion,
    };

    /// <summary>Most rows explained for the global importance (the report says when the file has more).</summary>
    public const int MaxRows = 2000;
}
