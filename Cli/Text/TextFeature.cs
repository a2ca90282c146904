using Microsoft.ML;
using MLExt.Neural;
using MLExt.Transforms;

namespace MLExt.Cli.Text;

/// <summary>
/// A text column as a model's only input (<c>--text</c>): a bag of words (ML.NET's <c>FeaturizeText</c>) for
/// <see cref="TextNetworkKind.Bow"/>, else token ids (<c>TokenizeToIds</c>, words or subword tokens) for a sequence network.
/// </summary>
/// <param name="Column">The text column's name in the file.</param>
/// <param name="Network">The model kind.</param>
/// <param name="Settings">Tokenisation and sequence-network width.</param>
internal sealed record TextFeature(string Column, TextNetworkKind Network, TextSettings Settings)
{
    /// <summary>Turns the loaded text column <paramref name="input"/> into the feature vector <paramref name="output"/>.</summary>
    public IEstimator<ITransformer> Featurize(MLContext mlContext, string output, string input) => Network == TextNetworkKind.Bow
        ? mlContext.Transforms.Text.FeaturizeText(output, input)
        : mlContext.Transforms.Text.TokenizeToIds(Settings.TokenIds(output, input));

    /// <summary>The hidden layers: <paramref name="bagOfWordsLayers"/> for a bag of words, else the sequence network's.</summary>
    public List<Layer> HiddenLayers(List<Layer> bagOfWordsLayers) =>
        Network == TextNetworkKind.Bow ? bagOfWordsLayers : TextNetworks.Create(Network, Settings);

    /// <summary>Gradient-norm clipping for the sequence networks (5), none for a bag of words.</summary>
    public float? GradientClipNorm => Network == TextNetworkKind.Bow ? null : 5f;

    /// <summary>How the featurisation is printed.</summary>
    public string Describe() => Network == TextNetworkKind.Bow
        ? $"'{Column}' as a bag of words (ML.NET FeaturizeText)"
        : $"'{Column}' as token ids ({Settings.Describe()}) for {TextNetworks.Describe(Network, Settings)}";
}
