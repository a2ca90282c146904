namespace MLExt.Neural;

/// <summary>
/// A layer that sets the padding mask seen by the layers after it: an embedding with a padding
/// index creates one, a layer that removes the time axis (temporal pooling, a recurrent layer
/// returning its last state) ends it by returning <see langword="null"/>. Layers that implement
/// neither this nor <see cref="ISequenceMaskConsumer"/> pass the current mask on unchanged.
/// </summary>
public interface ISequenceMaskSource
{
    /// <summary>
    /// The mask after the latest <see cref="Layer.Forward"/>: shape <c>[batch, time]</c>, 1 for a real
    /// step and 0 for padding; <see langword="null"/> when every step is real or there is no time axis.
    /// </summary>
    Tensor? OutputMask { get; }
}
