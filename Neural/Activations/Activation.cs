namespace MLExt.Neural;

/// <summary>Element-wise (or, for <see cref="Softmax"/>, row-wise) activation functions.</summary>
public enum Activation
{
    /// <summary>Identity: y = x.</summary>
    None,
    /// <summary>y = 1 / (1 + e^-x).</summary>
    Sigmoid,
    /// <summary>y = tanh x.</summary>
    Tanh,
    /// <summary>y = max(0, x).</summary>
    Relu,
    /// <summary>y = x for x &gt; 0, αx otherwise (α defaults to 0.01).</summary>
    LeakyRelu,
    /// <summary>y = x for x &gt; 0, α(eˣ − 1) otherwise (α defaults to 1).</summary>
    Elu,
    /// <summary>Gaussian error linear unit, y = x·Φ(x) (tanh approximation).</summary>
    Gelu,
    /// <summary>y_i = e^{x_i} / Σ_j e^{x_j} over the last dimension.</summary>
    Softmax,
}
