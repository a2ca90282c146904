using System.CommandLine;

namespace MLExt.Cli.Models;

/// <summary>The reference models <c>mlext train</c> and <c>mlext cv</c> fit beside the network (<c>--baselines</c>).</summary>
[Flags]
internal enum Baselines
{
    /// <summary>None.</summary>
    None = 0,

    /// <summary>A linear model: ML.NET's SDCA least squares (regression) or L-BFGS logistic regression / maximum entropy.</summary>
    Linear = 1,

    /// <summary>The mean of the training labels (regression) or the class frequencies of the training rows (classification).</summary>
    Mean = 2,
}

/// <summary>Parsing of <c>--baselines</c>.</summary>
internal static class BaselineOption
{
    /// <summary>The option, default <c>linear,mean</c>.</summary>
    public static Option<string> Create() => new("--baselines")
    {
        Description = "Reference models fitted on the same split or folds: linear, mean (the mean or majority predictor), both comma-separated, or none.",
        DefaultValueFactory = _ => "linear,mean",
        HelpName = "LIST",
    };

    /// <summary>Parses the option's value.</summary>
    public static Baselines Parse(string? value)
    {
        var result = Baselines.None;
        foreach (string part in (value ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            result |= part.ToLowerInvariant() switch
            {
                "none" => Baselines.None,
                "linear" => Baselines.Linear,
                "mean" or "majority" => Baselines.Mean,
                _ => throw new UserException($"--baselines must be linear, mean, both comma-separated, or none, got '{value}'"),
            };
        return result;
    }
}
