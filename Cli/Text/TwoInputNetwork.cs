using MLExt.Neural;
using MLExt.Trainers;

namespace MLExt.Cli.Text;

/// <summary>
/// The model of <c>--text COLUMN --features a,b,c</c> with a sequence network: a graph of two inputs, the text's token
/// ids through the sequence encoder (one vector per text) and the standardised feature columns through the
/// <c>--layers</c> dense branch, concatenated, then a ReLU layer and the task's output layer.
/// </summary>
internal static class TwoInputNetwork
{
    /// <summary>The graph input of the token ids.</summary>
    public const string TokensInput = "tokens";

    /// <summary>The graph input of the numeric (and one-hot) features.</summary>
    public const string NumbersInput = "numbers";

    /// <summary>
    /// The graph for the trainers' <see cref="NeuralNetworkOptions.Graph"/>; every call builds fresh layers (from copies of
    /// the <paramref name="numericLayers"/> templates), so each fold of a cross-validation starts anew.
    /// </summary>
    public static Func<GraphShapes, GraphBuilder> Create(TextNetworkKind kind, TextSettings text, IReadOnlyList<Layer> numericLayers) => shapes =>
    {
        var g = new GraphBuilder();
        var tokens = g.Apply(g.TokenInput(TokensInput, shapes.Of(TokensInput)[0]), [.. TextNetworks.Create(kind, text)]);
        var numbers = g.Apply(g.Input(NumbersInput, shapes.Of(NumbersInput)), [.. numericLayers.Select(l => l.CloneUnbuilt())]);
        var joined = g.Concatenate(-1, tokens, numbers);
        g.Output("score", g.Apply(joined, new Dense(text.EmbeddingDimension, Activation.Relu), new Dense(shapes.OutputUnits)));
        return g;
    };

    /// <summary>How the model is printed.</summary>
    public static string Describe(TextNetworkKind kind, TextSettings text, string layers) =>
        $"two inputs: token ids → {TextNetworks.Describe(kind, text)}; features → dense {(layers.Length == 0 ? "(none)" : layers)} (ReLU); " +
        $"concatenated → dense {text.EmbeddingDimension} (ReLU) → output";
}
