using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MLExt.Neural;

/// <summary>
/// The one pass over a range of parameter values that an optimiser step makes: load the value and
/// the gradient (scaled, for clipping by global norm), apply the rule, store the value, and fold the
/// finiteness check into the same pass (x − x is 0 for a finite x and NaN for NaN or ±∞, so the sum of
/// those differences is 0 exactly when every new value is finite).
/// </summary>
internal static class UpdateKernel
{
    /// <summary>
    /// p ← rule(p, g·<paramref name="gradientScale"/>, state) over the whole of <paramref name="p"/>.
    /// Unused state spans may be empty (the rule never dereferences them); used ones are as long as p.
    /// </summary>
    /// <returns>Whether every new value is finite.</returns>
    public static bool Run<TRule>(TRule rule, Span<float> p, ReadOnlySpan<float> g, Span<float> s0, Span<float> s1, Span<float> s2, float gradientScale)
        where TRule : struct, IUpdateRule
    {
        int length = p.Length;
        ref float pr = ref MemoryMarshal.GetReference(p);
        ref float gr = ref MemoryMarshal.GetReference(g);
        ref float s0r = ref MemoryMarshal.GetReference(s0);
        ref float s1r = ref MemoryMarshal.GetReference(s1);
        ref float s2r = ref MemoryMarshal.GetReference(s2);
        int i = 0;
        var check = Vector<float>.Zero;
        if (Vector.IsHardwareAccelerated)
        {
            var scale = new Vector<float>(gradientScale);
            for (; i <= length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var value = rule.Update(Vector.LoadUnsafe(ref pr, (nuint)i), Vector.LoadUnsafe(ref gr, (nuint)i) * scale,
                    ref s0r, ref s1r, ref s2r, (nuint)i);
                value.StoreUnsafe(ref pr, (nuint)i);
                check += value - value;
            }
        }
        float tailCheck = 0f;
        for (; i < length; i++)
        {
            float value = rule.Update(p[i], g[i] * gradientScale, ref Unsafe.Add(ref s0r, i), ref Unsafe.Add(ref s1r, i), ref Unsafe.Add(ref s2r, i));
            p[i] = value;
            tailCheck += value - value;
        }
        return float.IsFinite(Vector.Sum(check) + tailCheck);
    }
}
