namespace MLExt.Neural;

/// <summary>The arithmetic of a <see cref="ConstantOperation"/> between the input x and its constant c.</summary>
public enum ConstantOperator
{
    /// <summary>y = x + c.</summary>
    Add,

    /// <summary>y = x − c.</summary>
    Subtract,

    /// <summary>y = c − x.</summary>
    SubtractFrom,

    /// <summary>y = x · c.</summary>
    Multiply,

    /// <summary>y = x / c.</summary>
    Divide,
}
