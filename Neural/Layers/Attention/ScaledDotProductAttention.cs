using System.Numerics.Tensors;
using MLExt.Neural.Kernels;

namespace MLExt.Neural;

/// <summary>
/// Scaled dot-product attention for one sequence and one head: P = softmax(Q·Kᵀ/√d + M), O = (P ⊙ D)·V with
/// Q <c>[tq, d]</c>, K <c>[tk, d]</c>, V <c>[tk, dv]</c>, M = −∞ at padded keys (so their weight is exactly 0; a
/// query with no real key gets all-zero weights and a zero output, never NaN) and D an optional dropout mask
/// on the weights (already scaled by 1/(1 − p)). The caller fills <see cref="Query"/>, <see cref="Key"/>,
/// <see cref="Value"/> (and <see cref="OutputGradient"/> before <see cref="Backward"/>); the products run
/// through <see cref="Gemm"/> on these tight buffers, which are sized once and reused.
/// </summary>
internal sealed class ScaledDotProductAttention
{
    private int _tq, _tk, _d, _dv;
    private float[] _dropped = [], _weightGradient = [];

    /// <summary>Q <c>[tq, d]</c> of the current head.</summary>
    public float[] Query { get; private set; } = [];

    /// <summary>K <c>[tk, d]</c> of the current head.</summary>
    public float[] Key { get; private set; } = [];

    /// <summary>V <c>[tk, dv]</c> of the current head.</summary>
    public float[] Value { get; private set; } = [];

    /// <summary>P <c>[tq, tk]</c>: after <see cref="Forward"/> the weights; before <see cref="Backward"/> they must be the forward's.</summary>
    public float[] Weights { get; private set; } = [];

    /// <summary>O <c>[tq, dv]</c> after <see cref="Forward"/>.</summary>
    public float[] Output { get; private set; } = [];

    /// <summary>dL/dO <c>[tq, dv]</c>, filled by the caller before <see cref="Backward"/>.</summary>
    public float[] OutputGradient { get; private set; } = [];

    /// <summary>dL/dQ after <see cref="Backward"/>.</summary>
    public float[] QueryGradient { get; private set; } = [];

    /// <summary>dL/dK after <see cref="Backward"/>.</summary>
    public float[] KeyGradient { get; private set; } = [];

    /// <summary>dL/dV after <see cref="Backward"/>.</summary>
    public float[] ValueGradient { get; private set; } = [];

    /// <summary>Sizes the buffers (allocating only when they grow).</summary>
    public void Resize(int queries, int keys, int keyDim, int valueDim)
    {
        (_tq, _tk, _d, _dv) = (queries, keys, keyDim, valueDim);
        Query = Fit(Query, queries * keyDim);
        QueryGradient = Fit(QueryGradient, queries * keyDim);
        Key = Fit(Key, keys * keyDim);
        KeyGradient = Fit(KeyGradient, keys * keyDim);
        Value = Fit(Value, keys * valueDim);
        ValueGradient = Fit(ValueGradient, keys * valueDim);
        Weights = Fit(Weights, queries * keys);
        _dropped = Fit(_dropped, queries * keys);
        _weightGradient = Fit(_weightGradient, queries * keys);
        Output = Fit(Output, queries * valueDim);
        OutputGradient = Fit(OutputGradient, queries * valueDim);
    }

    private float Scale => 1f / MathF.Sqrt(_d);

    /// <summary>
    /// Computes <see cref="Weights"/> and <see cref="Output"/>. <paramref name="keyMask"/> (<c>[tk]</c>, 0 = padding)
    /// and <paramref name="dropMask"/> (<c>[tq, tk]</c>) may be empty.
    /// </summary>
    public void Forward(ReadOnlySpan<float> keyMask, ReadOnlySpan<float> dropMask)
    {
        var p = Weights.AsSpan(0, _tq * _tk);
        // S = Q·Kᵀ/√d
        Gemm.Multiply(transposeA: false, transposeB: true, _tq, _tk, _d, Query, Key, Weights, accumulate: false);
        TensorPrimitives.Multiply(p, Scale, p);
        // P = softmax(S + M) row by row, M = −∞ at padded keys
        for (int i = 0; i < _tq; i++)
        {
            var row = p.Slice(i * _tk, _tk);
            if (!keyMask.IsEmpty)
                for (int j = 0; j < _tk; j++)
                    if (keyMask[j] == 0f) row[j] = float.NegativeInfinity;
            float max = TensorPrimitives.Max(row);
            if (float.IsNegativeInfinity(max)) { row.Clear(); continue; } // no real key: zero weights
            TensorPrimitives.Subtract(row, max, row);
            TensorPrimitives.Exp(row, row);
            TensorPrimitives.Divide(row, TensorPrimitives.Sum(row), row);
        }
        // O = (P ⊙ D)·V
        Gemm.Multiply(transposeA: false, transposeB: false, _tq, _dv, _tk, Dropped(dropMask), Value, Output, accumulate: false);
    }

    /// <summary>Computes the three input gradients from <see cref="OutputGradient"/> and the forward's <see cref="Weights"/>.</summary>
    public void Backward(ReadOnlySpan<float> dropMask)
    {
        var p = Weights.AsSpan(0, _tq * _tk);
        var dp = _weightGradient.AsSpan(0, _tq * _tk);
        // dV = (P ⊙ D)ᵀ·dO ; dP = (dO·Vᵀ) ⊙ D
        Gemm.Multiply(transposeA: true, transposeB: false, _tk, _dv, _tq, Dropped(dropMask), OutputGradient, ValueGradient, accumulate: false);
        Gemm.Multiply(transposeA: false, transposeB: true, _tq, _tk, _dv, OutputGradient, Value, _weightGradient, accumulate: false);
        if (!dropMask.IsEmpty) TensorPrimitives.Multiply(dp, dropMask, dp);
        // dS = P ⊙ (dP − ⟨P_i, dP_i⟩) / √d  (softmax rows; zero where P is)
        for (int i = 0; i < _tq; i++)
        {
            var pi = p.Slice(i * _tk, _tk);
            var gi = dp.Slice(i * _tk, _tk);
            TensorPrimitives.Subtract(gi, TensorPrimitives.Dot(pi, gi), gi);
            TensorPrimitives.Multiply(gi, pi, gi);
        }
        TensorPrimitives.Multiply(dp, Scale, dp);
        // dQ = dS·K ; dK = dSᵀ·Q
        Gemm.Multiply(transposeA: false, transposeB: false, _tq, _d, _tk, _weightGradient, Key, QueryGradient, accumulate: false);
        Gemm.Multiply(transposeA: true, transposeB: false, _tk, _d, _tq, _weightGradient, Query, KeyGradient, accumulate: false);
    }

    // P ⊙ D, or P itself without dropout.
    private float[] Dropped(ReadOnlySpan<float> dropMask)
    {
        if (dropMask.IsEmpty) return Weights;
        TensorPrimitives.Multiply(Weights.AsSpan(0, _tq * _tk), dropMask, _dropped.AsSpan(0, _tq * _tk));
        return _dropped;
    }

    private static float[] Fit(float[] buffer, int length) => buffer.Length >= length ? buffer : new float[length];
}
