namespace MLExt.Neural;

/// <summary>Checks of padding masks (<c>[batch, time]</c>, 1 for a real step, 0 for padding) shared by the sequence layers.</summary>
internal static class SequenceMask
{
    /// <summary>Throws unless <paramref name="mask"/> is null or a <c>[batch, steps]</c> tensor of zeros and ones.</summary>
    /// <exception cref="ArgumentException">Naming <paramref name="layer"/>, the expected and the actual shape or the bad value.</exception>
    public static void Check(Tensor? mask, int batch, int steps, string layer)
    {
        if (mask is null) return;
        if (mask.Rank != 2 || mask.Shape[0] != batch || mask.Shape[1] != steps)
            throw new ArgumentException($"{layer}: the padding mask has shape {mask.ShapeText} but the input needs [{batch}, {steps}] (batch, time).", nameof(mask));
        var values = mask.Span;
        for (int i = 0; i < values.Length; i++)
            if (values[i] != 0f && values[i] != 1f)
                throw new ArgumentException($"{layer}: the padding mask holds {values[i]} at row {i / steps}, step {i % steps}; it must be 1 (real step) or 0 (padding).", nameof(mask));
    }

    /// <summary>
    /// The number of real steps of each sequence into <paramref name="lengths"/> (all <paramref name="steps"/> without a mask).
    /// The mask must be right-padded: real steps first, then padding.
    /// </summary>
    /// <exception cref="ArgumentException">The mask is malformed or has a real step after a padded one.</exception>
    public static void RightPaddedLengths(Tensor? mask, int batch, int steps, string layer, Span<int> lengths)
    {
        Check(mask, batch, steps, layer);
        if (mask is null)
        {
            lengths[..batch].Fill(steps);
            return;
        }
        for (int b = 0; b < batch; b++)
        {
            var row = mask.Row(b);
            int length = row.IndexOf(0f);
            if (length < 0) length = steps;
            int late = row[length..].IndexOf(1f);
            if (late >= 0)
                throw new ArgumentException(
                    $"{layer}: sequence {b} has padding at step {length} before a real step at {length + late}; recurrent layers need right-padded sequences " +
                    "(tokens first, padding ids after them, as MLExt's text transform writes them).", nameof(mask));
            lengths[b] = length;
        }
    }
}
