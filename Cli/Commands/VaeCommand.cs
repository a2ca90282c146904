using System.CommandLine;
using MLExt.Cli.Generative;

namespace MLExt.Cli.Commands;

/// <summary><c>mlext vae</c>: a variational autoencoder on the embedded digits, with the test ELBO per epoch and PNG grids.</summary>
internal static class VaeCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CommandContext context)
    {
        var latent = new Option<int>("--latent") { Description = "Latent dimensions k (≥ 1); with 2, also a latent-space plot and the decoded manifold.", DefaultValueFactory = _ => 20 };
        var epochs = new Option<int>("--epochs") { Description = "Passes over the 8,000 training digits (≥ 1).", DefaultValueFactory = _ => 20 };
        var conv = new Option<bool>("--conv") { Description = "The convolutional VAE (stride-2 convolutions, transposed convolutions) instead of the MLP 784-400-k-400-784." };
        var learningRate = new Option<float>("--learning-rate") { Description = "Adam learning rate (> 0).", DefaultValueFactory = _ => 1e-3f };
        var batchSize = new Option<int>("--batch-size") { Description = "Images per gradient step (≥ 1).", DefaultValueFactory = _ => 128 };
        var seed = new Option<int>("--seed") { Description = "Seed of initialisation, shuffling, ε and the prior samples.", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--output") { Description = "Folder for reconstructions.png, samples.png (and latent-space.png, manifold.png with --latent 2); created if missing.", DefaultValueFactory = _ => "vae", HelpName = "DIR" };
        var subset = new Option<float>("--subset") { Description = "Use this leading fraction of the training and test digits, in (0, 1], for a quick run.", DefaultValueFactory = _ => 1f };
        var command = new Command("vae",
            "Train a variational autoencoder on the MNIST digits shipped with MLExt; report the training and test negative ELBO per epoch and write PNG grids.")
        {
            latent, epochs, conv, learningRate, batchSize, seed, output, subset,
        };
        command.SetAction(parseResult => context.Run(parseResult, report =>
        {
            float fraction = parseResult.GetValue(subset);
            if (!(fraction > 0 && fraction <= 1)) throw new UserException($"--subset must be in (0, 1], got {fraction}");
            var request = new VaeRequest(
                OptionRules.AtLeastOne("--latent", parseResult.GetValue(latent)),
                OptionRules.AtLeastOne("--epochs", parseResult.GetValue(epochs)),
                parseResult.GetValue(conv),
                OptionRules.Positive("--learning-rate", parseResult.GetValue(learningRate)),
                OptionRules.AtLeastOne("--batch-size", parseResult.GetValue(batchSize)),
                parseResult.GetValue(seed),
                parseResult.GetValue(output)!,
                fraction);
            new CommandFiles().Output("--output", request.Output, folder: true).Check();
            return VaeRunner.Run(request, report);
        }));
        return command;
    }
}
