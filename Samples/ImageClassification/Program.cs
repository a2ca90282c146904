using MLExt.Samples.ImageClassification;

if (args.Length < 1)
{
    Console.Error.WriteLine("usage: dotnet run -- <folder with one sub-folder of images per class> [image size, default 28] [color]");
    return 1;
}
int size = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 28;
bool color = args.Length > 2 && args[2] == "color";
var metrics = ImageFolderSample.Run(args[0], size, grayscale: !color, log: Console.WriteLine);
Console.WriteLine($"test accuracy {metrics.MicroAccuracy:P2}, macro accuracy {metrics.MacroAccuracy:P2}, log loss {metrics.LogLoss:F4} nats");
return 0;
