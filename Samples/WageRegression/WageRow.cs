using Microsoft.ML.Data;

namespace MLExt.Samples.WageRegression;

/// <summary>One row of the CPS 1985 wages file.</summary>
public sealed class WageRow
{
    [LoadColumn(0)] public float Education { get; set; }
    [LoadColumn(1)] public float South { get; set; }
    [LoadColumn(2)] public string Gender { get; set; } = "";
    [LoadColumn(3)] public float Experience { get; set; }
    [LoadColumn(4)] public float Union { get; set; }
    [LoadColumn(5)] public float Wage { get; set; }
    [LoadColumn(6)] public float Age { get; set; }
    [LoadColumn(7)] public string Race { get; set; } = "";
    [LoadColumn(8)] public string Occupation { get; set; } = "";
    [LoadColumn(9)] public string Sector { get; set; } = "";
    [LoadColumn(10)] public float Married { get; set; }
}
