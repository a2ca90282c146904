namespace MLExt.Cli.Graphs;

/// <summary>Accuracy and macro F1 of predicted classes on the test nodes.</summary>
internal sealed record NodeScores(string Model, double Accuracy, double MacroF1, double FitSeconds)
{
    /// <summary>Scores <paramref name="predicted"/> against <paramref name="truth"/> on the nodes outside the training split.</summary>
    public static NodeScores Of(string model, int[] predicted, int[] truth, bool[] train, int classes, double seconds)
    {
        var tp = new int[classes];
        var fp = new int[classes];
        var fn = new int[classes];
        int right = 0, count = 0;
        for (int i = 0; i < truth.Length; i++)
        {
            if (train[i]) continue;
            count++;
            if (predicted[i] == truth[i])
            {
                right++;
                tp[truth[i]]++;
            }
            else
            {
                fp[predicted[i]]++;
                fn[truth[i]]++;
            }
        }
        // F1_c = 2·tp / (2·tp + fp + fn), 0 for a class never predicted nor present; macro F1 is their mean.
        double f1 = Enumerable.Range(0, classes).Average(c => 2 * tp[c] + fp[c] + fn[c] == 0 ? 0 : 2.0 * tp[c] / (2 * tp[c] + fp[c] + fn[c]));
        return new NodeScores(model, count == 0 ? 0 : right / (double)count, f1, seconds);
    }
}
