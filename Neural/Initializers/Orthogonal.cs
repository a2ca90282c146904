using System.Globalization;

namespace MLExt.Neural;

/// <summary>
/// Orthogonal initialisation (Saxe et al., 2014): W = gain·Q, with Q the orthonormal factor of a Gaussian
/// matrix by modified Gram–Schmidt (QR with a positive diagonal, so Q is uniformly distributed). The values
/// are a row-major <c>[fanIn, fanOut]</c> matrix: with fanIn ≥ fanOut its columns are orthonormal (WᵀW = gain²·I),
/// otherwise its rows are (W·Wᵀ = gain²·I). The default for recurrent kernels, where it keeps h_{t−1}·U from
/// shrinking or growing the state over many steps.
/// </summary>
public sealed class Orthogonal : Initializer
{
    /// <summary>Creates the initialiser with a scale <paramref name="gain"/> (default 1).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="gain"/> is not a positive finite number.</exception>
    public Orthogonal(float gain = 1f)
    {
        if (!(gain > 0f) || !float.IsFinite(gain)) throw new ArgumentOutOfRangeException(nameof(gain), gain, "Orthogonal gain must be a positive finite number.");
        Gain = gain;
    }

    /// <summary>The scale of the orthonormal matrix.</summary>
    public float Gain { get; }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException"><paramref name="values"/> does not hold fanIn·fanOut values.</exception>
    public override void Fill(Span<float> values, int fanIn, int fanOut, RandomSource random)
    {
        if ((long)fanIn * fanOut != values.Length)
            throw new ArgumentException($"Orthogonal initialisation fills a [{fanIn}, {fanOut}] matrix, which needs {(long)fanIn * fanOut} values, not {values.Length}.", nameof(values));
        // Orthonormalise the columns of a tall Gaussian matrix G [tall, wide]; the result or its transpose is W.
        int tall = Math.Max(fanIn, fanOut), wide = Math.Min(fanIn, fanOut);
        var q = new double[tall * wide];
        for (int i = 0; i < q.Length; i++) q[i] = random.NextGaussian();
        for (int j = 0; j < wide; j++)
        {
            // q_j −= (q_k·q_j) q_k for every earlier k ; q_j /= ‖q_j‖
            for (int k = 0; k < j; k++)
            {
                double dot = 0;
                for (int i = 0; i < tall; i++) dot += q[i * wide + k] * q[i * wide + j];
                for (int i = 0; i < tall; i++) q[i * wide + j] -= dot * q[i * wide + k];
            }
            double norm = 0;
            for (int i = 0; i < tall; i++) norm += q[i * wide + j] * q[i * wide + j];
            norm = Math.Sqrt(norm);
            for (int i = 0; i < tall; i++) q[i * wide + j] /= norm;
        }
        bool columnsOrthonormal = fanIn >= fanOut;
        for (int r = 0; r < fanIn; r++)
            for (int c = 0; c < fanOut; c++)
                values[r * fanOut + c] = Gain * (float)(columnsOrthonormal ? q[r * wide + c] : q[c * wide + r]);
    }

    /// <inheritdoc/>
    public override string ToString() => Gain == 1f ? nameof(Orthogonal) : $"{nameof(Orthogonal)}({Gain.ToString("R", CultureInfo.InvariantCulture)})";
}
