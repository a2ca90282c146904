using MLExt.Neural;

namespace MLExt.Cli.Generative;

/// <summary>
/// How generated digits score with the <see cref="DigitClassifier"/>: the Inception-score analogue
/// exp(E_x KL(p(y|x) ‖ p(y))), the share of samples per predicted digit, the mean Euclidean distance from each sample
/// to its nearest training image (pixels in [0, 1]), and, for a conditional model, the fraction classified as the
/// digit asked for.
/// </summary>
/// <param name="Score">The digit score (1 to 10).</param>
/// <param name="ClassShares">Fraction of samples per predicted digit 0–9.</param>
/// <param name="MeanNearestDistance">Mean distance to the nearest training image (NaN when not measured).</param>
/// <param name="AskedClassAccuracy">Fraction classified as the requested digit; null for an unconditional model.</param>
internal sealed record DigitScore(double Score, double[] ClassShares, double MeanNearestDistance, double? AskedClassAccuracy)
{
    /// <summary>Scores <paramref name="images"/> (<c>n × 784</c> in [0, 1]); <paramref name="training"/> is the memorisation
    /// reference (null: not measured); <paramref name="asked"/> the requested digit of each image (null: unconditional).</summary>
    public static DigitScore Of(Network classifier, float[] images, float[]? training, int[]? asked)
    {
        var probabilities = DigitClassifier.Probabilities(classifier, images);
        const int K = DigitClassifier.Classes;
        var predicted = GenerativeScores.PredictedClasses(probabilities, K);
        double? accuracy = asked is null ? null : (double)predicted.Where((c, i) => c == asked[i]).Count() / asked.Length;
        double distance = training is null ? double.NaN
            : GenerativeScores.NearestDistances(images, training, MLExt.Data.MnistDigits.PixelsPerImage).Average();
        return new DigitScore(GenerativeScores.InceptionScore(probabilities, K), GenerativeScores.ClassShares(probabilities, K), distance, accuracy);
    }
}
