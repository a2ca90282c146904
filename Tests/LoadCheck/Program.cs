using System.Text.Json;
using MLExt.LoadCheck;
using MLExt.Trainers;
using MLExt.Transforms;
using Microsoft.ML;

// Usage: mlext-loadcheck MODEL.zip DATA.idv TASK REPORT.json [--no-register]
// TASK is multiclass, binary or regression. Exit code 0 with the report written; 1 with the error on stderr.
if (args.Length is < 4 or > 5)
{
    Console.Error.WriteLine("usage: MLExt.LoadCheck MODEL.zip DATA.idv TASK REPORT.json [--no-register]");
    return 2;
}
try
{
    var ml = new MLContext(seed: 0);
    if (args.Length < 5 || args[4] != "--no-register") ml.RegisterMLExt().RegisterMLExtTransforms();
    var model = ml.Model.Load(args[0], out _);
    var scored = model.Transform(ml.Data.LoadFromBinary(args[1]));
    var report = ScoredReport.Create(ml, scored, args[2]);
    File.WriteAllText(args[3], JsonSerializer.Serialize(report));
    return 0;
}
catch (Exception e)
{
    Console.Error.WriteLine(e.ToString());
    return 1;
}
