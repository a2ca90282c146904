namespace MLExt.Neural;

/// <summary>How <see cref="Bidirectional"/> combines its two directions' outputs.</summary>
public enum BidirectionalMerge
{
    /// <summary>[forward, backward] along the features: 2·units values per step.</summary>
    Concat,

    /// <summary>forward + backward: units values per step.</summary>
    Sum,
}
