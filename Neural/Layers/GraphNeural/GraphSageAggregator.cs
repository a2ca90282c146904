namespace MLExt.Neural;

/// <summary>How <see cref="GraphSage"/> combines a node's neighbours' features.</summary>
public enum GraphSageAggregator
{
    /// <summary>The mean of the neighbours' features (weighted by the edge weights).</summary>
    Mean,

    /// <summary>The element-wise maximum of the neighbours' features.</summary>
    Max,
}
