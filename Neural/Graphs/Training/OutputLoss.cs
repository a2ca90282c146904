namespace MLExt.Neural;

/// <summary>
/// The loss of one graph output: <see cref="Loss"/> of the output named <see cref="Output"/> against the target
/// named <see cref="Target"/>, weighted by <see cref="Weight"/> in the total. Losses keep per-call buffers: give
/// every output its own instance.
/// </summary>
public sealed class OutputLoss
{
    /// <summary>Creates the loss of output <paramref name="output"/>; the target defaults to a column of the same
    /// name.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The weight is negative or not finite.</exception>
    public OutputLoss(string output, Loss loss, float weight = 1f, string? target = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(output);
        ArgumentNullException.ThrowIfNull(loss);
        if (!(weight >= 0) || !float.IsFinite(weight))
            throw new ArgumentOutOfRangeException(nameof(weight), weight, $"The weight of the loss of output '{output}' " +
                $"must be a finite number ≥ 0.");
        Output = output;
        Loss = loss;
        Weight = weight;
        Target = target ?? output;
    }

    /// <summary>The graph output the loss applies to.</summary>
    public string Output { get; }

    /// <summary>The loss (built-in or a user's subclass of <see cref="Neural.Loss"/>).</summary>
    public Loss Loss { get; }

    /// <summary>The weight of this loss in the total.</summary>
    public float Weight { get; }

    /// <summary>The name of the target values (a <see cref="GraphData"/> column).</summary>
    public string Target { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Loss.Name}({Output}, target {Target}) × {Weight}";
}
