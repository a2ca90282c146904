namespace MLExt.Evaluation.Plots;

/// <summary>A dashed grey guide line drawn under the series.</summary>
public enum ReferenceLine
{
    /// <summary>None.</summary>
    None,

    /// <summary>y = x (chance on a ROC curve, perfect calibration).</summary>
    Diagonal,

    /// <summary>y = 0 (residuals); the y axis always includes 0.</summary>
    Zero,
}
