using MLExt.Cli.Training;

namespace MLExt.Cli.Images;

/// <summary>The validated options of <c>mlext images</c>.</summary>
/// <param name="Folder">Folder with one sub-folder of images per class.</param>
/// <param name="ImageSize">Images are resized to this many pixels square.</param>
/// <param name="Color">Red, green and blue planes (true) or one grayscale plane (false).</param>
/// <param name="Network">Which network.</param>
/// <param name="Augmentation">Training-only augmentation layers.</param>
/// <param name="TestFraction">Fraction of images held out for testing.</param>
/// <param name="Baselines">ML.NET trainers to compare with: <c>none</c>, <c>maxent</c> or <c>all</c>.</param>
/// <param name="Settings">Training settings; its hidden layers are the augmentation layers then the network's.</param>
/// <param name="SkipBadImages">Leave out files that cannot be decoded (true) or stop naming the first (false, the default).</param>
/// <param name="Pretrained">A pretrained trunk (<c>resnet18</c>) whose features feed a new head, or null.</param>
/// <param name="FineTuneFrom">With a trunk: the node from which on its layers are trained with the head, or null (all frozen).</param>
/// <param name="LabelsPerClass">Training images kept per class (0: all).</param>
internal sealed record ImageRequest(
    string Folder, int ImageSize, bool Color, ImageNetworkKind Network, ImageAugmentationSettings Augmentation,
    float TestFraction, string Baselines, NetworkSettings Settings, bool SkipBadImages = false,
    string? Pretrained = null, string? FineTuneFrom = null, int LabelsPerClass = 0);
