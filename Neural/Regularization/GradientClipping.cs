using System.Numerics.Tensors;

namespace MLExt.Neural;

/// <summary>
/// Gradient clipping, applied to the accumulated gradients between the backward pass and the
/// optimiser step.
/// </summary>
public static class GradientClipping
{
    /// <summary>
    /// Clips by global norm (Pascanu et al., 2013; Keras <c>global_clipnorm</c>, PyTorch
    /// <c>clip_grad_norm_</c>): with n = √(Σ g²) over the gradients of all
    /// <paramref name="parameters"/> (accumulated in double), every gradient is scaled by
    /// maxNorm / n when n &gt; maxNorm, so the global norm becomes maxNorm; otherwise nothing changes.
    /// A non-finite norm (a NaN or infinite gradient) leaves the gradients unchanged; the caller can
    /// detect it from the returned value.
    /// </summary>
    /// <returns>The global norm n before clipping.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxNorm"/> is not a positive finite number.</exception>
    public static double ClipByGlobalNorm(IReadOnlyList<Parameter> parameters, float maxNorm)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        SettingChecks.Positive(maxNorm, nameof(maxNorm), $"{nameof(GradientClipping)}.{nameof(ClipByGlobalNorm)}");
        double sumOfSquares = 0;
        for (int i = 0; i < parameters.Count; i++)
            foreach (float g in parameters[i].Gradient.Span)
                sumOfSquares += (double)g * g;
        double norm = Math.Sqrt(sumOfSquares);
        if (norm > maxNorm && double.IsFinite(norm))
        {
            // g ← g · maxNorm / ‖g‖
            float scale = (float)(maxNorm / norm);
            for (int i = 0; i < parameters.Count; i++)
                TensorPrimitives.Multiply(parameters[i].Gradient.Span, scale, parameters[i].Gradient.Span);
        }
        return norm;
    }

    /// <summary>
    /// Clips by value (Keras <c>clipvalue</c>, PyTorch <c>clip_grad_value_</c>): every gradient value
    /// is clamped to [−limit, limit], g ← min(max(g, −limit), limit).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is not a positive finite number.</exception>
    public static void ClipByValue(IReadOnlyList<Parameter> parameters, float limit)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        SettingChecks.Positive(limit, nameof(limit), $"{nameof(GradientClipping)}.{nameof(ClipByValue)}");
        for (int i = 0; i < parameters.Count; i++)
            TensorPrimitives.Clamp(parameters[i].Gradient.Span, -limit, limit, parameters[i].Gradient.Span);
    }
}
