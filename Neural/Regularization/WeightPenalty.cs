using System.Numerics.Tensors;

namespace MLExt.Neural;

/// <summary>
/// L1/L2 penalties on the weights (parameters with <see cref="Parameter.IsWeight"/>; biases and
/// normalisation offsets are never penalised): R(w) = λ₁·Σ|w| + ½λ₂·Σw². The L2 term carries the
/// factor ½ so that its gradient is λ₂·w (the same λ as PyTorch's <c>weight_decay</c> on plain SGD;
/// Keras' <c>L2(l2)</c> penalises l2·Σw², which equals λ₂ = 2·l2 here).
/// </summary>
public static class WeightPenalty
{
    /// <summary>
    /// Adds the penalty's gradient ∂R/∂w = λ₁·sign(w) + λ₂·w to the gradient of every weight, with
    /// sign(0) = 0. Leaves biases untouched.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="l1"/> or <paramref name="l2"/> is negative or not finite.</exception>
    public static void AddGradients(IReadOnlyList<Parameter> parameters, float l1, float l2)
    {
        Check(parameters, l1, l2, $"{nameof(WeightPenalty)}.{nameof(AddGradients)}");
        for (int p = 0; p < parameters.Count; p++)
        {
            var parameter = parameters[p];
            if (!parameter.IsWeight) continue;
            var w = parameter.Value.Span;
            var g = parameter.Gradient.Span;
            // g ← g + λ₂·w
            if (l2 != 0f) TensorPrimitives.MultiplyAdd(w, l2, g, g);
            if (l1 == 0f) continue;
            // g ← g + λ₁·sign(w)
            for (int i = 0; i < w.Length; i++)
                g[i] += w[i] > 0f ? l1 : w[i] < 0f ? -l1 : 0f;
        }
    }

    /// <summary>The penalty R(w) = λ₁·Σ|w| + ½λ₂·Σw² over all weights, accumulated in double.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="l1"/> or <paramref name="l2"/> is negative or not finite.</exception>
    public static double Value(IReadOnlyList<Parameter> parameters, float l1, float l2)
    {
        Check(parameters, l1, l2, $"{nameof(WeightPenalty)}.{nameof(Value)}");
        double absoluteSum = 0, squareSum = 0;
        foreach (var parameter in parameters)
        {
            if (!parameter.IsWeight) continue;
            foreach (float w in parameter.Value.Span)
            {
                absoluteSum += Math.Abs(w);
                squareSum += (double)w * w;
            }
        }
        // λ₁·Σ|w| + ½λ₂·Σw²
        return l1 * absoluteSum + 0.5 * l2 * squareSum;
    }

    private static void Check(IReadOnlyList<Parameter> parameters, float l1, float l2, string owner)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        SettingChecks.NonNegative(l1, nameof(l1), owner);
        SettingChecks.NonNegative(l2, nameof(l2), owner);
    }
}
