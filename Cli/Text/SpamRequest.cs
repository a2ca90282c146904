using MLExt.Cli.Training;

namespace MLExt.Cli.Text;

/// <summary>The validated options of <c>mlext spam</c>.</summary>
/// <param name="Models">The models to compare, in order (<see cref="TextNetworkKind.Bow"/> is ML.NET's baseline).</param>
/// <param name="Text">Tokenisation and network width.</param>
/// <param name="Network">Training settings of the sequence networks (their hidden layers are set per model).</param>
/// <param name="Subset">Fraction of the training and of the test mails used (stratified, seeded), in (0, 1].</param>
internal sealed record SpamRequest(IReadOnlyList<TextNetworkKind> Models, TextSettings Text, NetworkSettings Network, double Subset);
