namespace MLExt.AutoML;

/// <summary>Derives a trial's seed from the experiment's seed and the trial's id, so a trial's randomness does not depend on which worker runs it.</summary>
public static class TrialSeeds
{
    /// <summary>A non-negative seed mixing <paramref name="experimentSeed"/> and <paramref name="trialId"/> (SplitMix64's finaliser).</summary>
    public static int For(int experimentSeed, int trialId)
    {
        ulong z = unchecked(((ulong)(uint)experimentSeed << 32) ^ (uint)trialId ^ 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return (int)(z & 0x7FFFFFFF);
    }
}
