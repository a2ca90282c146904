namespace MLExt.Neural;

/// <summary>The node classifiers <see cref="NodeNetworks.Build"/> makes.</summary>
public enum NodeNetworkKind
{
    /// <summary>Two graph convolutions (Kipf &amp; Welling 2017).</summary>
    Gcn,

    /// <summary>Two GraphSAGE layers with the mean aggregator (Hamilton et al. 2017).</summary>
    Sage,

    /// <summary>Two graph attention layers, eight heads then one (Veličković et al. 2018).</summary>
    Gat,

    /// <summary>Two dense layers on the node's own features only: the baseline that ignores the edges.</summary>
    Mlp,
}
