namespace MLExt.Neural;

/// <summary>
/// A layer that adds a term to the training loss (an activity regulariser, a KL divergence). After each
/// <see cref="Layer.Forward"/>, <see cref="LossTerm"/> holds the term's value for that batch; the layer's
/// <see cref="Layer.Backward"/> already includes the term's derivative in dL/dx and the parameter gradients.
/// A <see cref="ModelGraph"/> sums the terms of every layer application into <see cref="ModelGraph.LossTerms"/>,
/// which <see cref="GraphObjective"/> adds to the output losses: nothing is wired by hand.
/// </summary>
public interface ILossTermSource
{
    /// <summary>The term's value for the latest forward pass (0 when the layer adds nothing in that mode).</summary>
    float LossTerm { get; }
}
