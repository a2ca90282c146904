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
    /// <paramref name="parameters"/> (accumulated in double, see <see cref="SumOfSquares"/>), every
    /// gradient is scaled by maxNorm / n when n &gt; maxNorm, so the global norm becomes maxNorm;
    /// otherwise nothing changes. A non-finite norm (a NaN or infinite gradient) leaves the gradients
    /// unchanged; the caller can detect it from the returned value. The training loop does not rewrite
    /// the gradients: it passes <see cref="Scale"/> to <see cref="Optimizer.Step(IReadOnlyList{Parameter}, float, float)"/>,
    /// which gives the same bits.
    /// </summary>
    /// <returns>The global norm n before clipping.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxNorm"/> is not a positive finite number.</exception>
    public static double ClipByGlobalNorm(IReadOnlyList<Parameter> parameters, float maxNorm)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        SettingChecks.Positive(maxNorm, nameof(maxNorm), $"{nameof(GradientClipping)}.{nameof(ClipByGlobalNorm)}");
        double norm = Math.Sqrt(SumOfSquares(parameters));
        float scale = Scale(norm, maxNorm);
        if (scale != 1f)
            for (int i = 0; i < parameters.Count; i++)
                TensorPrimitives.Multiply(parameters[i].Gradient.Span, scale, parameters[i].Gradient.Span);
        return norm;
    }

    /// <summary>
    /// The factor clipping by global norm multiplies every gradient by: maxNorm / n when the norm
    /// n = <paramref name="norm"/> exceeds <paramref name="maxNorm"/> and is finite, else 1.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxNorm"/> is not a positive finite number.</exception>
    public static float Scale(double norm, float maxNorm)
    {
        if (!(maxNorm > 0f && float.IsFinite(maxNorm)))
            SettingChecks.Positive(maxNorm, nameof(maxNorm), $"{nameof(GradientClipping)}.{nameof(ClipByGlobalNorm)}"); // throws
        // g ← g · maxNorm / ‖g‖
        return norm > maxNorm && double.IsFinite(norm) ? (float)(maxNorm / norm) : 1f;
    }

    /// <summary>
    /// Σ g² over the gradients of <paramref name="parameters"/> in double, summed chunk by chunk in the
    /// order of <see cref="Optimizer.GradientSumOfSquares"/> (which splits the same chunks across threads),
    /// so both give the same bits.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is null.</exception>
    public static double SumOfSquares(IReadOnlyList<Parameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        double sum = 0;
        for (int i = 0; i < parameters.Count; i++)
        {
            var gradient = parameters[i].Gradient.Span;
            for (int start = 0; start < gradient.Length; start += ParameterChunks.ChunkLength)
                sum += SumOfSquaresKernel.Of(gradient.Slice(start, Math.Min(ParameterChunks.ChunkLength, gradient.Length - start)));
        }
        return sum;
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
