using Microsoft.ML;
using MLExt.Neural;
using MLExt.Transforms;

namespace MLExt.Cli.Text;

/// <summary>
/// A text column as a model's input (<c>--text</c>): a bag of words (ML.NET's <c>FeaturizeText</c>) for
/// <see cref="TextNetworkKind.Bow"/>, else token ids (<c>TokenizeToIds</c>, words or subword tokens) for a sequence network.
/// The only input, or with <c>--features</c> one of two (<see cref="TwoInputNetwork"/>).
/// </summary>
/// <param name="Column">The text column's name in the file.</param>
/// <param name="Network">The model kind.</param>
/// <param name="Settings">Tokenisation and sequence-network width.</param>
/// <param name="WithFeatures">Whether <c>--features</c> adds feature columns beside the text (a sequence network only).</param>
internal sealed record TextFeature(string Column, TextNetworkKind Network, TextSettings Settings, bool WithFeatures = false)
{
    /// <summary>Turns the loaded text column <paramref name="input"/> into the feature vector <paramref name="output"/>.</summary>
    public IEstimator<ITransformer> Featurize(MLContext mlContext, string output, string input) => Network == TextNetworkKind.Bow
        ? mlContext.Transforms.Text.FeaturizeText(output, input)
        : mlContext.Transforms.Text.TokenizeToIds(Settings.TokenIds(output, input));

    /// <summary>The hidden layers: <paramref name="bagOfWordsLayers"/> for a bag of words, else the sequence network's.</summary>
    public List<Layer> HiddenLayers(List<Layer> bagOfWordsLayers) => WithFeatures ? [] :
        Network == TextNetworkKind.Bow ? bagOfWordsLayers : TextNetworks.Create(Network, Settings);

    /// <summary>Gradient-norm clipping for the sequence networks (5), none for a bag of words.</summary>
    public float? GradientClipNorm => Network == TextNetworkKind.Bow ? null : 5f;

    /// <summary>
    /// The text with the feature columns of <c>--features</c>: refused for a bag of words (its vector is the only feature).
    /// </summary>
    public TextFeature WithFeatureColumns() => Network == TextNetworkKind.Bow
        ? throw new UserException("--features with --text needs a sequence network (--network lstm, gru or transformer): token ids and the " +
            "feature columns then enter a two-input model; --network bow makes the text the only feature")
        : this with { WithFeatures = true };

    /// <summary>How the featurisation is printed.</summary>
    public string Describe() => WithFeatures
        ? $"'{Column}' as token ids ({Settings.Describe()}) beside the feature columns"
        : Network == TextNetworkKind.Bow
        ? $"'{Column}' as a bag of words (ML.NET FeaturizeText)"
        : $"'{Column}' as token ids ({Settings.Describe()}) for {TextNetworks.Describe(Network, Settings)}";
}
