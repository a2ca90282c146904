using System.CommandLine;
using MLExt.Neural;
using MLExt.Cli.Images;
using MLExt.Cli.Training;
using MLExt.Trainers;

namespace MLExt.Cli.Commands;

/// <summary><c>mlext images</c>: an MLExt network on a folder of images (one sub-folder per class), compared with ML.NET's trainers.</summary>
internal static class ImagesCommand
{
    // The smallest side the image networks accept (their pooling halves it twice); the help and the check both read it.
    private const int ImageMinimumSize = 4;

    /// <summary>Creates the command.</summary>
    public static Command Create(CommandContext context)
    {
        var folder = new Option<string>("--folder") { Description = "Folder with one sub-folder of images (png, jpg, bmp, gif, webp) per class.", Required = true, HelpName = "DIR" };
        var network = new Option<string>("--network")
        {
            Description = "mlp (dense layers), cnn (conv 5×5×32 – pool – conv 5×5×64 – pool – dense 128), resnet (small residual network), separable (the CNN with a depthwise-separable second convolution).",
            DefaultValueFactory = _ => "cnn",
        };
        network.AcceptOnlyFromAmong("mlp", "cnn", "resnet", "separable");
        var imageSize = new Option<int>("--image-size") { Description = $"Images are resized to this many pixels square (≥ {ImageMinimumSize}).", DefaultValueFactory = _ => 28 };
        var color = new Option<bool>("--color") { Description = "Use the red, green and blue planes (default: one grayscale plane)." };
        var epochs = new Option<int>("--epochs") { Description = "Most passes over the training images.", DefaultValueFactory = _ => 10 };
        var learningRate = new Option<float>("--learning-rate") { Description = "Adam learning rate (> 0).", DefaultValueFactory = _ => TrainingDefaults.LearningRate };
        var batchSize = new Option<int>("--batch-size") { Description = "Images per gradient step (≥ 1).", DefaultValueFactory = _ => 64 };
        var seed = new Option<int>("--seed") { Description = "Seed of the split, initialisation, shuffling and augmentation.", DefaultValueFactory = _ => 1 };
        var testFraction = new Option<float>("--test-fraction") { Description = "Fraction of images held out for the test metrics, in (0, 1).", DefaultValueFactory = _ => 0.2f };
        var validationFraction = new Option<float>("--validation-fraction")
        {
            Description = "Fraction of the training images held out to validate after each epoch, in [0, 1); 0 turns validation off.",
            DefaultValueFactory = _ => 0.1f,
        };
        var patience = new Option<int>("--patience") { Description = "Early stopping patience in epochs on the validation loss; 0 turns it off.", DefaultValueFactory = _ => 3 };
        var flip = new Option<bool>("--flip") { Description = "Augmentation: mirror training images left–right at random." };
        var rotate = new Option<float>("--rotate") { Description = "Augmentation: rotate training images by up to ± this many degrees.", DefaultValueFactory = _ => 0f, HelpName = "DEGREES" };
        var shift = new Option<int>("--shift") { Description = "Augmentation: shift training images by up to ± this many pixels.", DefaultValueFactory = _ => 0, HelpName = "PIXELS" };
        var zoom = new Option<float>("--zoom") { Description = "Augmentation: scale training images by a factor in [1 − f, 1 + f], f in [0, 1).", DefaultValueFactory = _ => 0f, HelpName = "FRACTION" };
        var noise = new Option<float>("--noise") { Description = "Augmentation: add Gaussian noise of this standard deviation to the pixels (in [0, 1] units).", DefaultValueFactory = _ => 0f, HelpName = "SIGMA" };
        var brightness = new Option<float>("--brightness") { Description = "Augmentation: shift brightness by up to ± this much (in [0, 1] units).", DefaultValueFactory = _ => 0f, HelpName = "DELTA" };
        var contrast = new Option<float>("--contrast") { Description = "Augmentation: scale contrast by a factor in [1 − f, 1 + f], f in [0, 1).", DefaultValueFactory = _ => 0f, HelpName = "FRACTION" };
        var baselines = new Option<string>("--baselines")
        {
            Description = "ML.NET trainers to compare with on the same pixels: none, maxent (LbfgsMaximumEntropy) or all (also LightGbm, slow on large images).",
            DefaultValueFactory = _ => "maxent",
        };
        baselines.AcceptOnlyFromAmong("none", "maxent", "all");
        var badImages = new Option<string>("--bad-images")
        {
            Description = "A file that cannot be decoded as an image: stop (name it and exit) or skip (leave it out and list it).",
            DefaultValueFactory = _ => "stop",
        };
        badImages.AcceptOnlyFromAmong("stop", "skip");
        var pretrained = new Option<string>("--pretrained")
        {
            Description = "none, or resnet18: ResNet-18's ImageNet features (224×224 RGB; the Microsoft.ML.DnnImageFeaturizer.ResNet18 package's ONNX file) and a new dense head; --network is then not used.",
            DefaultValueFactory = _ => "none",
        };
        pretrained.AcceptOnlyFromAmong("none", "resnet18");
        var fineTuneFrom = new Option<string?>("--fine-tune-from")
        {
            Description = $"With --pretrained: train the trunk's nodes from this ONNX node on with the head (ResNet-18's last block starts at {PretrainedModels.ResNet18LastBlock}); the part before it is computed once.",
            HelpName = "LAYER",
        };
        var labelsPerClass = new Option<int>("--labels-per-class") { Description = "Keep this many training images per class (0: all).", DefaultValueFactory = _ => 0, HelpName = "N" };
        var command = new Command("images", "Train an MLExt network on a folder of images (one sub-folder per class) and compare it with ML.NET's trainers.")
        {
            folder, network, imageSize, color, epochs, learningRate, batchSize, seed, testFraction, validationFraction, patience,
            flip, rotate, shift, zoom, noise, brightness, contrast, baselines, badImages, pretrained, fineTuneFrom, labelsPerClass,
        };
        command.SetAction(parseResult => context.Run(parseResult, output =>
        {
            var kind = Enum.Parse<ImageNetworkKind>(parseResult.GetValue(network)!, ignoreCase: true);
            var augmentation = new ImageAugmentationSettings(
                parseResult.GetValue(flip),
                OptionRules.NonNegative("--rotate", parseResult.GetValue(rotate)),
                OptionRules.AtLeastZero("--shift", parseResult.GetValue(shift)),
                OptionRules.Fraction("--zoom", parseResult.GetValue(zoom)),
                OptionRules.NonNegative("--noise", parseResult.GetValue(noise)),
                OptionRules.NonNegative("--brightness", parseResult.GetValue(brightness)),
                OptionRules.Fraction("--contrast", parseResult.GetValue(contrast)));
            if (augmentation.RotationDegrees > 180) throw new UserException($"--rotate must be at most 180, got {augmentation.RotationDegrees}");
            int size = OptionRules.AtLeast("--image-size", ImageMinimumSize, parseResult.GetValue(imageSize));
            string? trunk = parseResult.GetValue(pretrained) is "none" ? null : parseResult.GetValue(pretrained);
            string? tuneFrom = parseResult.GetValue(fineTuneFrom);
            if (tuneFrom is not null && trunk is null) throw new UserException("--fine-tune-from needs --pretrained resnet18");
            // The trunk's input and mean image are 224×224: smaller images would be blown up past what they hold.
            if (trunk is not null && parseResult.GetResult(imageSize) is { Implicit: false } && size != PretrainedModels.ResNet18ImageSize)
                throw new UserException(size < PretrainedModels.ResNet18ImageSize
                    ? $"--image-size {size} is too small for --pretrained {trunk}, which takes {PretrainedModels.ResNet18ImageSize}×{PretrainedModels.ResNet18ImageSize} images; leave --image-size out"
                    : $"--pretrained {trunk} takes {PretrainedModels.ResNet18ImageSize}×{PretrainedModels.ResNet18ImageSize} images; --image-size {size} does not fit, leave it out");
            int perClass = OptionRules.AtLeastZero("--labels-per-class", parseResult.GetValue(labelsPerClass));
            var settings = new NetworkSettings(
                [.. augmentation.Layers(), .. ImageNetworks.Create(kind)],
                OptionRules.AtLeastOne("--epochs", parseResult.GetValue(epochs)),
                OptionRules.Positive("--learning-rate", parseResult.GetValue(learningRate)),
                OptionRules.AtLeastOne("--batch-size", parseResult.GetValue(batchSize)),
                L2: 0,
                parseResult.GetValue(seed),
                OptionRules.Fraction("--validation-fraction", parseResult.GetValue(validationFraction)),
                OptionRules.AtLeastZero("--patience", parseResult.GetValue(patience)));
            var request = new ImageRequest(
                parseResult.GetValue(folder)!, size, parseResult.GetValue(color), kind, augmentation,
                OptionRules.OpenFraction("--test-fraction", parseResult.GetValue(testFraction)), parseResult.GetValue(baselines)!, settings,
                SkipBadImages: parseResult.GetValue(badImages) == "skip", trunk, tuneFrom, perClass);
            new CommandFiles().Input("--folder", request.Folder, folder: true).Check();
            return ImagesRunner.Run(request, output);
        }));
        return command;
    }
}
