namespace MLExt.Neural;

/// <summary>
/// A loss over a batch. <see cref="Forward"/> returns the mean loss for predictions
/// <c>[n, k]</c> and targets of the shape the loss documents; <see cref="Backward"/> returns
/// dL/dprediction for that same call (already divided by what the mean divides by).
/// </summary>
public abstract class Loss
{
    /// <summary>The loss name used in configurations and messages.</summary>
    public virtual string Name => GetType().Name;

    /// <summary>The mean loss of <paramref name="prediction"/> against <paramref name="target"/>.</summary>
    /// <exception cref="ArgumentException">The shapes do not match what the loss expects.</exception>
    public abstract float Forward(Tensor prediction, Tensor target);

    /// <summary>dL/dprediction for the last <see cref="Forward"/>; the returned buffer is reused.</summary>
    public abstract Tensor Backward();

    /// <summary>Throws unless prediction and target have equal shapes.</summary>
    protected static void CheckSameShape(Tensor prediction, Tensor target, string lossName)
    {
        if (!Tensor.SameShape(prediction.Shape, target.Shape))
            throw new ArgumentException($"{lossName} needs prediction and target of one shape, got {prediction.ShapeText} and {target.ShapeText}.", nameof(target));
    }
}
