namespace MLExt.AutoML;

/// <summary>
/// A standard global-optimisation test function with a known minimum, for measuring tuners (the
/// benchmark suite and the tests share these): its search space, its value at a point, its minimum.
/// </summary>
internal sealed class OptimizationTestFunction
{
    private readonly Func<Parameters, double> _evaluate;

    private OptimizationTestFunction(string name, SearchSpace space, Func<Parameters, double> evaluate, double minimum)
    {
        Name = name;
        Space = space;
        _evaluate = evaluate;
        Minimum = minimum;
    }

    public string Name { get; }

    public SearchSpace Space { get; }

    /// <summary>The known global minimum.</summary>
    public double Minimum { get; }

    public double Evaluate(Parameters point) => _evaluate(point);

    /// <summary>Branin–Hoo on x1 ∈ [−5, 10], x2 ∈ [0, 15]: (x2 − 5.1x1²/(4π²) + 5x1/π − 6)² + 10(1 − 1/(8π))cos x1 + 10; minimum 0.397887 at three points.</summary>
    public static OptimizationTestFunction Branin { get; } = new(
        "branin",
        new SearchSpace().Float("x1", -5, 10).Float("x2", 0, 15),
        p =>
        {
            double x1 = p.GetDouble("x1"), x2 = p.GetDouble("x2");
            double b = 5.1 / (4 * Math.PI * Math.PI), c = 5 / Math.PI, t = 1 / (8 * Math.PI);
            double u = x2 - b * x1 * x1 + c * x1 - 6;
            return u * u + 10 * (1 - t) * Math.Cos(x1) + 10;
        },
        0.397887);

    private static readonly double[] HartmannAlpha = [1.0, 1.2, 3.0, 3.2];

    private static readonly double[,] HartmannA =
    {
        { 10, 3, 17, 3.5, 1.7, 8 },
        { 0.05, 10, 17, 0.1, 8, 14 },
        { 3, 3.5, 1.7, 10, 17, 8 },
        { 17, 8, 0.05, 10, 0.1, 14 },
    };

    private static readonly double[,] HartmannP =
    {
        { 0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886 },
        { 0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991 },
        { 0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650 },
        { 0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381 },
    };

    /// <summary>Hartmann 6-D on [0, 1]⁶: −Σᵢ αᵢ exp(−Σⱼ Aᵢⱼ (xⱼ − Pᵢⱼ)²); minimum −3.32237.</summary>
    public static OptimizationTestFunction Hartmann6 { get; } = new(
        "hartmann6",
        Enumerable.Range(1, 6).Aggregate(new SearchSpace(), (s, j) => s.Float($"x{j}", 0, 1)),
        p =>
        {
            double sum = 0;
            for (int i = 0; i < 4; i++)
            {
                double inner = 0;
                for (int j = 0; j < 6; j++)
                {
                    double d = p.GetDouble($"x{j + 1}") - HartmannP[i, j];
                    inner += HartmannA[i, j] * d * d;
                }
                sum += HartmannAlpha[i] * Math.Exp(-inner);
            }
            return -sum;
        },
        -3.32237);

    /// <summary>Runs <paramref name="tuner"/> for <paramref name="trials"/> sequential trials and returns the best value after each.</summary>
    public double[] BestSoFar(ITuner tuner, int trials)
    {
        var best = new double[trials];
        double current = double.PositiveInfinity;
        for (int t = 0; t < trials; t++)
        {
            var s = tuner.Propose();
            double value = Evaluate(s.Parameters);
            tuner.Report(TrialOutcome.Completed(s, value));
            current = Math.Min(current, value);
            best[t] = current;
        }
        return best;
    }
}
