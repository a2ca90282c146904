using System.Numerics;

namespace MLExt.Neural;

/// <summary>
/// One optimiser's update of one value (or one vector of values) from its gradient and up to three
/// state values, written once for a vector and once for a single value (the tail) with the same
/// arithmetic, so a value's result does not depend on where it lies. The rule reads and writes its
/// state through the references at offset <c>i</c> and returns the new parameter value; the kernel
/// (<see cref="UpdateKernel"/>) loads the value and the gradient, stores the result and checks it.
/// </summary>
internal interface IUpdateRule
{
    /// <summary>The new values of <see cref="Vector{T}.Count"/> parameters at offset <paramref name="i"/>.</summary>
    Vector<float> Update(Vector<float> p, Vector<float> g, ref float s0, ref float s1, ref float s2, nuint i);

    /// <summary>The new value of one parameter.</summary>
    float Update(float p, float g, ref float s0, ref float s1, ref float s2);
}
