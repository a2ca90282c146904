namespace MLExt.Transforms;

/// <summary>The per-copy seed of MLExt's augmenting data views.</summary>
internal static class AugmentationSeed
{
    /// <summary>A seed mixing the options' seed, the input row and the copy number (SplitMix64 finaliser).</summary>
    public static int Mix(int seed, long row, int copy)
    {
        ulong z = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL + (ulong)row * 0xBF58476D1CE4E5B9UL + (ulong)copy * 0x94D049BB133111EBUL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return unchecked((int)(z ^ (z >> 31)));
    }
}
