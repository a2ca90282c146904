namespace MLExt.Neural;

/// <summary>
/// The standard two-layer node classifiers, as their papers set them up for citation graphs: dropout on the inputs
/// and the hidden layer, ReLU (ELU for attention) hidden units, and class logits out. The graph's input is
/// <see cref="FeaturesInput"/>, its output <see cref="LogitsOutput"/>.
/// </summary>
public static class NodeNetworks
{
    /// <summary>The name of the node-features input.</summary>
    public const string FeaturesInput = "features";

    /// <summary>The name of the class-logits output.</summary>
    public const string LogitsOutput = "logits";

    /// <summary>
    /// Builds the <paramref name="kind"/> network for <paramref name="featureCount"/> features and
    /// <paramref name="classCount"/> classes with <paramref name="hiddenUnits"/> hidden units (per head for attention,
    /// eight heads) and dropout <paramref name="dropout"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A count is not positive, fewer than two classes, or a dropout
    /// outside [0, 1).</exception>
    public static ModelGraph Build(NodeNetworkKind kind, int featureCount, int classCount, int hiddenUnits, float dropout,
        RandomSource random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(featureCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(hiddenUnits, 1);
        if (!(dropout >= 0f && dropout < 1f)) throw new ArgumentOutOfRangeException(nameof(dropout), dropout, "Dropout must be in [0, 1).");
        var builder = new GraphBuilder();
        var x = builder.Input(FeaturesInput, featureCount);
        Layer[] layers = kind switch
        {
            NodeNetworkKind.Gcn => [new Dropout(dropout), new GraphConvolution(hiddenUnits, Activation.Relu), new Dropout(dropout),
                new GraphConvolution(classCount)],
            NodeNetworkKind.Sage => [new Dropout(dropout), new GraphSage(hiddenUnits, GraphSageAggregator.Mean, Activation.Relu),
                new Dropout(dropout), new GraphSage(classCount)],
            NodeNetworkKind.Gat => [new Dropout(dropout), new GraphAttention(hiddenUnits, heads: 8, attentionDropout: dropout, activation: Activation.Elu),
                new Dropout(dropout), new GraphAttention(classCount, heads: 1, attentionDropout: dropout)],
            NodeNetworkKind.Mlp => [new Dropout(dropout), new Dense(hiddenUnits, Activation.Relu), new Dropout(dropout), new Dense(classCount)],
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown node network."),
        };
        builder.Output(LogitsOutput, builder.Apply(x, layers));
        return builder.Build(random);
    }
}
