namespace MLExt.Evaluation.Plots;

/// <summary>The corner of the plot area the legend sits in.</summary>
public enum LegendPosition
{
    /// <summary>No legend.</summary>
    None,

    /// <summary>Top right.</summary>
    UpperRight,

    /// <summary>Bottom right.</summary>
    LowerRight,
}
