namespace MLExt.Neural;

/// <summary>The Adam update shared by <see cref="AdamOptimizer"/> and <see cref="AdamWOptimizer"/>.</summary>
internal static class AdamStep
{
    /// <summary>
    /// One bias-corrected Adam step at step t ≥ 1 (Kingma &amp; Ba, Algorithm 1), in place:
    /// m ← β₁m + (1 − β₁)g; v ← β₂v + (1 − β₂)g²; m̂ = m/(1 − β₁ᵗ); v̂ = v/(1 − β₂ᵗ);
    /// p ← p − η·m̂/(√v̂ + ε). With AMSGrad (PyTorch's form) v̂ uses v_max ← max(v_max, v) instead of v.
    /// <paramref name="maxSecondMoment"/> is only read when <paramref name="amsgrad"/> is true.
    /// </summary>
    public static void Apply(
        Span<float> p, ReadOnlySpan<float> g, Span<float> firstMoment, Span<float> secondMoment, Span<float> maxSecondMoment,
        float learningRate, float beta1, float beta2, float epsilon, bool amsgrad, long t)
    {
        // η/(1 − β₁ᵗ) and 1/√(1 − β₂ᵗ), computed once per step in double.
        float stepSize = (float)(learningRate / (1.0 - Math.Pow(beta1, t)));
        float inverseRootCorrection = (float)(1.0 / Math.Sqrt(1.0 - Math.Pow(beta2, t)));
        for (int i = 0; i < p.Length; i++)
        {
            // m ← β₁m + (1 − β₁)g; v ← β₂v + (1 − β₂)g²; p ← p − η·m̂/(√v̂ + ε)
            float gi = g[i];
            float m = beta1 * firstMoment[i] + (1f - beta1) * gi;
            float v = beta2 * secondMoment[i] + (1f - beta2) * gi * gi;
            firstMoment[i] = m;
            secondMoment[i] = v;
            if (amsgrad)
            {
                v = MathF.Max(maxSecondMoment[i], v);
                maxSecondMoment[i] = v;
            }
            p[i] -= stepSize * m / (MathF.Sqrt(v) * inverseRootCorrection + epsilon);
        }
    }

    /// <summary>Checks β₁, β₂ ∈ [0, 1) and ε &gt; 0 of the optimiser named <paramref name="owner"/>.</summary>
    public static void Validate(float beta1, float beta2, float epsilon, string owner)
    {
        SettingChecks.Fraction(beta1, nameof(AdamOptimizer.Beta1), owner);
        SettingChecks.Fraction(beta2, nameof(AdamOptimizer.Beta2), owner);
        SettingChecks.Positive(epsilon, nameof(AdamOptimizer.Epsilon), owner);
    }
}
