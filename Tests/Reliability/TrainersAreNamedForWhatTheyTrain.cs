using MLExt.AutoML;
using MLExt.Evaluation;
using MLExt.Tests.Cli;

namespace MLExt.Tests.Reliability;

/// <summary>
/// Promise: a trainer's name says what it trains. <c>lbfgs</c> is logistic regression or maximum entropy (classification);
/// Poisson regression is <c>lbfgs-poisson</c>, checked against negative labels before any work; <c>sdca</c> is the
/// least-squares linear regression. The CLI and the AutoML search space use the same names and say the same thing.
/// </summary>
public class TrainersAreNamedForWhatTheyTrain
{
    private const string Regression = "x,y\n1,2\n2,-1\n3,4\n4,5\n5,3\n6,2\n7,1\n8,2\n9,3\n10,1\n";

    [Fact]
    public void LbfgsIsRefusedForRegressionNamingTheAlternatives()
    {
        using var folder = new TempFolder();
        CliRun.Of("cv", "--data", folder.Write("r.csv", Regression), "--label", "y", "--task", "regression", "--trainer", "lbfgs", "--report", folder.PathOf("r"))
            .AssertFailure(1, "--trainer lbfgs is L-BFGS logistic regression or maximum entropy, for classification", "sdca", "lbfgs-poisson");
    }

    [Fact]
    public void PoissonRefusesNegativeLabelsBeforeTheWork()
    {
        using var folder = new TempFolder();
        CliRun.Of("cv", "--data", folder.Write("r.csv", Regression), "--label", "y", "--task", "regression", "--trainer", "lbfgs-poisson", "--report", folder.PathOf("r"))
            .AssertFailure(1, "--trainer lbfgs-poisson", "labels ≥ 0", "'y' holds -1 on line 3");
        Assert.False(Directory.Exists(folder.PathOf("r")));
    }

    [Fact]
    public void PoissonIsForRegressionOnly()
    {
        using var folder = new TempFolder();
        CliRun.Of("cv", "--data", folder.Write("r.csv", Regression), "--label", "y", "--task", "binary", "--trainer", "lbfgs-poisson", "--report", folder.PathOf("r"))
            .AssertFailure(1, "--trainer lbfgs-poisson is Poisson regression, for --task regression");
    }

    [Fact]
    public void TheHelpSaysWhatEachTrainerIs()
    {
        var help = CliRun.Of("cv", "--help").Stdout;
        Assert.Contains("lbfgs (L-BFGS logistic regression or maximum entropy; classification)", help);
        Assert.Contains("lbfgs-poisson (L-BFGS Poisson regression; regression with labels ≥ 0)", help);
        Assert.Contains("least-squares linear regression", help);
    }

    [Fact]
    public void TheSearchSpaceUsesTheSameNames()
    {
        var error = Assert.Throws<ArgumentException>(() => DefaultSearchSpace.Create(EvaluationTask.Regression, trainers: ["lbfgs"]));
        Assert.Contains("for classification", error.Message);
        Assert.Contains("lbfgs-poisson", error.Message);
        var space = DefaultSearchSpace.Create(EvaluationTask.Regression, trainers: ["sdca", DefaultSearchSpace.PoissonRegression]);
        Assert.Equal(["sdca", "lbfgs-poisson"], space[DefaultSearchSpace.Trainer].Choices);
        Assert.DoesNotContain(DefaultSearchSpace.PoissonRegression, DefaultSearchSpace.Trainers(EvaluationTask.Regression));
    }
}
