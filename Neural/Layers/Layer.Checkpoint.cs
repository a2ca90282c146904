namespace MLExt.Neural;

public abstract partial class Layer
{
    /// <summary>
    /// The layer's random generators (dropout masks, augmentation), whose states checkpoints save and
    /// restore so that a resumed run draws the same numbers. Composite layers include their parts'.
    /// Empty by default; available once built.
    /// </summary>
    public virtual IReadOnlyList<RandomSource> RandomSources => [];
}
