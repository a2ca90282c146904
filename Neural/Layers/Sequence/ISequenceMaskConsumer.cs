namespace MLExt.Neural;

/// <summary>
/// A layer that honours a padding mask (recurrent layers, temporal pooling, attention). The
/// network calls <see cref="SetInputMask"/> before each <see cref="Layer.Forward"/> with the mask
/// of the nearest preceding <see cref="ISequenceMaskSource"/>.
/// </summary>
public interface ISequenceMaskConsumer
{
    /// <summary>
    /// Sets the mask for the next forward pass: shape <c>[batch, time]</c>, 1 for a real step and 0 for
    /// padding, or <see langword="null"/> for no padding. The layer keeps the reference until the next call.
    /// </summary>
    void SetInputMask(Tensor? mask);
}
