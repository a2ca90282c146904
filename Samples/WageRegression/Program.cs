using MLExt.Samples.WageRegression;

var path = Path.Combine(AppContext.BaseDirectory, "cps-wages-1985.csv");
var (network, sdca) = WageSample.Run(path, Console.WriteLine);
Console.WriteLine($"{"model",-16} {"R²",8} {"RMSE",8} {"MAE",8}   (target: log hourly wage, 20% test split, seed 1)");
Console.WriteLine($"{"MLExt network",-16} {network.RSquared,8:F4} {network.RootMeanSquaredError,8:F4} {network.MeanAbsoluteError,8:F4}");
Console.WriteLine($"{"ML.NET SDCA",-16} {sdca.RSquared,8:F4} {sdca.RootMeanSquaredError,8:F4} {sdca.MeanAbsoluteError,8:F4}");
