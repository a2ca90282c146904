using System.CommandLine;
using MLExt.Cli.Text;
using MLExt.Transforms;

namespace MLExt.Cli.Commands;

/// <summary>The text options shared by <c>train</c> and <c>cv</c>: <c>--text</c>, <c>--network</c>, <c>--tokenizer</c> and the tokenisation sizes.</summary>
internal sealed class TextOptions
{
    private readonly Option<string> _text = new("--text")
    {
        Description = "Text column to learn from: a bag of words or token ids for a sequence network, as --network says. Alone it is the only " +
            "feature; with --features and a sequence network, token ids and the feature columns enter a two-input model.",
        HelpName = "COLUMN",
    };
    private readonly Option<string> _network = new("--network")
    {
        Description = "With --text: bow (ML.NET FeaturizeText, then --layers), lstm, gru or transformer (token ids, embedding, sequence layers).",
        DefaultValueFactory = _ => "lstm",
    };
    private readonly Option<int> _maxLength = new("--max-length") { Description = "With --text: token ids per text (1 to 1024).", DefaultValueFactory = _ => 128 };
    private readonly Option<int> _vocabulary = new("--vocabulary") { Description = "With --text: most token ids, padding and unknown included (≥ 3).", DefaultValueFactory = _ => 10_000 };
    private readonly Option<string> _tokenizer = new("--tokenizer")
    {
        Description = "With --text and a sequence network: words, or the subword tokens of gpt2, cl100k or o200k (the vocabulary is the tokens seen in training).",
        DefaultValueFactory = _ => "words",
    };
    private readonly Option<int> _embedding = new("--embedding") { Description = "With --text: embedding dimension and sequence-network width (a multiple of 4 for transformer).", DefaultValueFactory = _ => 64 };

    public TextOptions() => _network.AcceptOnlyFromAmong("bow", "lstm", "gru", "transformer");

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _text, _network, _tokenizer, _maxLength, _vocabulary, _embedding }) command.Options.Add(option);
    }

    /// <summary>The text feature asked for, or null without <c>--text</c>.</summary>
    public TextFeature? Parse(ParseResult parseResult)
    {
        string? column = parseResult.GetValue(_text);
        if (column is null) return null;
        if (string.IsNullOrWhiteSpace(column)) throw new UserException("--text must name a column");
        var kind = SpamCommand.ParseModel(parseResult.GetValue(_network)!);
        int length = OptionRules.AtLeastOne("--max-length", parseResult.GetValue(_maxLength));
        if (length > TokenIdsOptions.MaximumSupportedLength)
            throw new UserException($"--max-length must be at most {TokenIdsOptions.MaximumSupportedLength}, got {length}");
        int vocabulary = parseResult.GetValue(_vocabulary);
        if (vocabulary < 3) throw new UserException($"--vocabulary counts the padding and unknown ids, so it must be at least 3, got {vocabulary}");
        int dimension = OptionRules.AtLeastOne("--embedding", parseResult.GetValue(_embedding));
        if (kind == TextNetworkKind.Transformer && dimension % TextNetworks.Heads != 0)
            throw new UserException($"--embedding must be a multiple of {TextNetworks.Heads} (the Transformer's heads), got {dimension}");
        OptionRules.EmbeddingSize(vocabulary, dimension);
        var tokenizer = TextSettings.ParseTokenizer(parseResult.GetValue(_tokenizer)!);
        if (kind == TextNetworkKind.Bow && tokenizer != TokenizerKind.Words)
            throw new UserException("--tokenizer applies to the sequence networks (lstm, gru, transformer); --network bow uses ML.NET's FeaturizeText");
        return new TextFeature(column, kind, new TextSettings(length, vocabulary, EmbeddingDimension: dimension, Tokenizer: tokenizer));
    }
}
