using MLExt.Neural;

namespace MLExt.Samples.SpamPretraining;

/// <summary>
/// BERT-style masking of token ids [n, time] (0 is padding): each real (non-zero) position is chosen with
/// probability <see cref="Rate"/>; a chosen position becomes the mask id (80%), a random id in [2, vocabulary) (10%)
/// or stays unchanged (10%), and its target is the original id. Every other target is −1 (ignored by
/// <see cref="MaskedSoftmaxCrossEntropy"/>). Seeded through the <see cref="RandomSource"/>.
/// </summary>
internal static class TokenMasking
{
    /// <summary>Share of the real positions chosen for prediction.</summary>
    public const float Rate = 0.15f;

    /// <summary>Writes the masked <paramref name="inputs"/> and the <paramref name="targets"/> for <paramref name="ids"/>.</summary>
    /// <param name="ids">Token ids, 0 = padding.</param>
    /// <param name="inputs">Receives the ids with the chosen positions replaced; same length as <paramref name="ids"/>.</param>
    /// <param name="targets">Receives the original id at chosen positions, −1 elsewhere.</param>
    /// <param name="maskId">The reserved [MASK] id (not produced by the tokenizer).</param>
    /// <param name="vocabularySize">Tokenizer ids are in [0, vocabularySize); random replacements are drawn from [2, vocabularySize).</param>
    /// <param name="random">The seeded source.</param>
    /// <returns>How many positions were chosen.</returns>
    public static int Apply(ReadOnlySpan<float> ids, Span<float> inputs, Span<float> targets, int maskId, int vocabularySize, RandomSource random)
    {
        if (inputs.Length != ids.Length || targets.Length != ids.Length)
            throw new ArgumentException($"Masking needs inputs and targets of the ids' length {ids.Length}, got {inputs.Length} and {targets.Length}.");
        int chosen = 0;
        for (int i = 0; i < ids.Length; i++)
        {
            float id = ids[i];
            inputs[i] = id;
            targets[i] = MaskedSoftmaxCrossEntropy.IgnoreIndex;
            if (id == 0 || random.NextFloat() >= Rate) continue;
            chosen++;
            targets[i] = id;
            float kind = random.NextFloat();
            if (kind < 0.8f) inputs[i] = maskId;
            else if (kind < 0.9f) inputs[i] = 2 + random.NextInt(vocabularySize - 2);
        }
        return chosen;
    }
}
