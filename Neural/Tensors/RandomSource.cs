using System.Numerics;

namespace MLExt.Neural;

/// <summary>
/// A small, fast, seedable random generator (xoshiro128**, seeded through SplitMix64) whose whole
/// state can be read and restored, so a run resumed from a checkpoint draws the same numbers as one
/// that never stopped. Not thread-safe: give each thread its own, derived with <see cref="Fork"/>.
/// </summary>
public sealed class RandomSource
{
    private uint _s0, _s1, _s2, _s3;
    private float? _spareGaussian;

    /// <summary>Creates a generator from a seed; the same seed gives the same sequence.</summary>
    public RandomSource(int seed)
    {
        ulong x = unchecked((ulong)seed + 0x9E3779B97F4A7C15UL);
        ulong a = SplitMix(ref x), b = SplitMix(ref x);
        _s0 = (uint)a; _s1 = (uint)(a >> 32); _s2 = (uint)b; _s3 = (uint)(b >> 32);
        if ((_s0 | _s1 | _s2 | _s3) == 0) _s0 = 1;
    }

    /// <summary>The generator's state: four words, plus a cached Gaussian as its bits (or 0 flag).</summary>
    public uint[] GetState()
    {
        uint hasSpare = _spareGaussian.HasValue ? 1u : 0u;
        uint spare = _spareGaussian.HasValue ? BitConverter.SingleToUInt32Bits(_spareGaussian.Value) : 0u;
        return [_s0, _s1, _s2, _s3, hasSpare, spare];
    }

    /// <summary>Restores a state from <see cref="GetState"/>.</summary>
    /// <exception cref="ArgumentException">The state does not have six words or is all zero.</exception>
    public void SetState(uint[] state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Length != 6 || (state[0] | state[1] | state[2] | state[3]) == 0)
            throw new ArgumentException("A RandomSource state has six words and a non-zero generator part.", nameof(state));
        (_s0, _s1, _s2, _s3) = (state[0], state[1], state[2], state[3]);
        _spareGaussian = state[4] != 0 ? BitConverter.UInt32BitsToSingle(state[5]) : null;
    }

    /// <summary>A uniformly distributed 32-bit value.</summary>
    public uint NextUInt()
    {
        uint result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        uint t = _s1 << 9;
        _s2 ^= _s0; _s3 ^= _s1; _s1 ^= _s2; _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 11);
        return result;
    }

    /// <summary>A uniform integer in [0, <paramref name="maxExclusive"/>).</summary>
    public int NextInt(int maxExclusive)
    {
        if (maxExclusive <= 0) throw new ArgumentOutOfRangeException(nameof(maxExclusive), maxExclusive, "Must be positive.");
        return (int)(((ulong)NextUInt() * (ulong)maxExclusive) >> 32);
    }

    /// <summary>A uniform float in [0, 1).</summary>
    public float NextFloat() => (NextUInt() >> 8) * (1f / 16777216f);

    /// <summary>A uniform double in [0, 1).</summary>
    public double NextDouble() => (((ulong)NextUInt() << 21) ^ (NextUInt() >> 11)) * (1.0 / 9007199254740992.0);

    /// <summary>A standard normal value (Box–Muller, in pairs).</summary>
    public float NextGaussian()
    {
        if (_spareGaussian is float spare) { _spareGaussian = null; return spare; }
        double u1 = 1.0 - NextDouble(), u2 = NextDouble();
        double r = Math.Sqrt(-2.0 * Math.Log(u1)), theta = 2.0 * Math.PI * u2;
        _spareGaussian = (float)(r * Math.Sin(theta));
        return (float)(r * Math.Cos(theta));
    }

    /// <summary>A new independent generator seeded from this one (advances this one).</summary>
    public RandomSource Fork() => new(unchecked((int)NextUInt()));

    /// <summary>Shuffles <paramref name="values"/> in place (Fisher–Yates).</summary>
    public void Shuffle<T>(Span<T> values)
    {
        for (int i = values.Length - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (values[i], values[j]) = (values[j], values[i]);
        }
    }

    private static ulong SplitMix(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
