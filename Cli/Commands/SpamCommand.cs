using System.CommandLine;
using MLExt.Neural;
using MLExt.Cli.Text;
using MLExt.Cli.Training;

namespace MLExt.Cli.Commands;

/// <summary><c>mlext spam</c>: ML.NET's bag of words against MLExt's sequence networks on the SpamAssassin mails shipped with MLExt.</summary>
internal static class SpamCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CommandContext context)
    {
        var models = new Option<string[]>("--models")
        {
            Description = "Models to compare, comma-separated: bow (ML.NET FeaturizeText + SdcaLogisticRegression), lstm, gru, transformer.",
            DefaultValueFactory = _ => ["bow", "lstm", "transformer"],
            HelpName = "NAMES",
            AllowMultipleArgumentsPerToken = true,
        };
        var tokenizer = new Option<string>("--tokenizer")
        {
            Description = "How the sequence models split mails: words, or the subword tokens of gpt2, cl100k or o200k (bow always uses ML.NET's FeaturizeText).",
            DefaultValueFactory = _ => "words",
        };
        var maxLength = new Option<int>("--max-length") { Description = "Token ids per mail (1 to 1024): the first words, padded on the right.", DefaultValueFactory = _ => 128 };
        var vocabulary = new Option<int>("--vocabulary") { Description = "Most token ids, padding and unknown included (≥ 3).", DefaultValueFactory = _ => 10_000 };
        var minCount = new Option<int>("--min-count") { Description = "Tokens seen fewer times in the training mails are unknown (≥ 1).", DefaultValueFactory = _ => 2 };
        var embedding = new Option<int>("--embedding") { Description = "Embedding dimension, also the LSTM/GRU and Transformer width (≥ 1; a multiple of 4 for the Transformer).", DefaultValueFactory = _ => 64 };
        var epochs = new Option<int>("--epochs") { Description = "Most passes over the training mails.", DefaultValueFactory = _ => 8 };
        var learningRate = new Option<float>("--learning-rate") { Description = "Adam learning rate (> 0).", DefaultValueFactory = _ => 2e-3f };
        var batchSize = new Option<int>("--batch-size") { Description = "Mails per gradient step (≥ 1).", DefaultValueFactory = _ => TrainingDefaults.BatchSize };
        var validationFraction = new Option<float>("--validation-fraction")
        {
            Description = "Fraction of the training mails held out to validate after each epoch, in [0, 1); 0 turns validation and early stopping off.",
            DefaultValueFactory = _ => 0.1f,
        };
        var patience = new Option<int>("--patience") { Description = "Early stopping patience in epochs on the validation loss (best weights kept); 0 turns it off.", DefaultValueFactory = _ => 2 };
        var seed = new Option<int>("--seed") { Description = "Seed of initialisation, shuffling, dropout and SDCA.", DefaultValueFactory = _ => 1 };
        var subset = new Option<float>("--subset") { Description = "Use this stratified fraction of the training and test mails, in (0, 1], for a quick run.", DefaultValueFactory = _ => 1f };
        var command = new Command("spam",
            "Spam detection on the SpamAssassin mails shipped with MLExt (seeded stratified split): ML.NET's bag of words against MLExt's LSTM, GRU and Transformer.")
        {
            models, tokenizer, maxLength, vocabulary, minCount, embedding, epochs, learningRate, batchSize, validationFraction, patience, seed, subset,
        };
        command.SetAction(parseResult => context.Run(parseResult, output =>
        {
            var kinds = OptionRules.ColumnList(parseResult.GetValue(models)).Select(ParseModel).Distinct().ToArray();
            int length = OptionRules.AtLeastOne("--max-length", parseResult.GetValue(maxLength));
            if (length > Transforms.TokenIdsOptions.MaximumSupportedLength)
                throw new UserException($"--max-length must be at most {Transforms.TokenIdsOptions.MaximumSupportedLength}, got {length}");
            int vocabularySize = parseResult.GetValue(vocabulary);
            if (vocabularySize < 3) throw new UserException($"--vocabulary counts the padding and unknown ids, so it must be at least 3, got {vocabularySize}");
            int dimension = OptionRules.AtLeastOne("--embedding", parseResult.GetValue(embedding));
            if (kinds.Contains(TextNetworkKind.Transformer) && dimension % TextNetworks.Heads != 0)
                throw new UserException($"--embedding must be a multiple of {TextNetworks.Heads} (the Transformer's heads), got {dimension}");
            OptionRules.EmbeddingSize(vocabularySize, dimension);
            var text = new TextSettings(length, vocabularySize, OptionRules.AtLeastOne("--min-count", parseResult.GetValue(minCount)), dimension,
                TextSettings.ParseTokenizer(parseResult.GetValue(tokenizer)!));
            var network = new NetworkSettings([],
                OptionRules.AtLeastOne("--epochs", parseResult.GetValue(epochs)),
                OptionRules.Positive("--learning-rate", parseResult.GetValue(learningRate)),
                OptionRules.AtLeastOne("--batch-size", parseResult.GetValue(batchSize)),
                L2: 0, parseResult.GetValue(seed),
                OptionRules.Fraction("--validation-fraction", parseResult.GetValue(validationFraction)),
                OptionRules.AtLeastZero("--patience", parseResult.GetValue(patience)));
            float fraction = parseResult.GetValue(subset);
            if (!(fraction > 0 && fraction <= 1)) throw new UserException($"--subset must be in (0, 1], got {fraction}");
            return SpamRunner.Run(new SpamRequest(kinds.Length == 0 ? [TextNetworkKind.Bow] : kinds, text, network, fraction), output);
        }));
        return command;
    }

    /// <summary>Parses a model name: bow, lstm, gru or transformer.</summary>
    public static TextNetworkKind ParseModel(string name) => name.ToLowerInvariant() switch
    {
        "bow" => TextNetworkKind.Bow,
        "lstm" => TextNetworkKind.Lstm,
        "gru" => TextNetworkKind.Gru,
        "transformer" => TextNetworkKind.Transformer,
        _ => throw new UserException($"--models/--network must be bow, lstm, gru or transformer, got '{name}'"),
    };
}
