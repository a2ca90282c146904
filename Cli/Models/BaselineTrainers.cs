using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using MLExt.Cli.Training;

namespace MLExt.Cli.Models;

/// <summary>
/// The reference models fitted beside the network: a linear model (ML.NET's SDCA least squares for regression, on one
/// thread so that it is reproducible; L-BFGS logistic regression or maximum entropy for classification) and the
/// prediction that ignores the features (the training mean, or the training class frequencies, whose largest is the
/// majority class). Both read <c>Label</c> and <c>Features</c>.
/// </summary>
internal static class BaselineTrainers
{
    private const string Label = TabularDataset.LabelColumn, Features = TabularDataset.FeaturesColumn, ConstantColumn = "MLExt.Constant";

    /// <summary>The linear model's name in tables.</summary>
    public static string LinearName(TaskKind task) => task switch
    {
        TaskKind.Binary => "ML.NET LbfgsLogisticRegression (linear)",
        TaskKind.Multiclass => "ML.NET LbfgsMaximumEntropy (linear)",
        _ => "ML.NET Sdca least squares (linear)",
    };

    /// <summary>The feature-blind model's name in tables.</summary>
    public static string MeanName(TaskKind task) => task == TaskKind.Regression ? "mean of the training labels" : "class frequencies (majority)";

    /// <summary>The linear model for <paramref name="task"/>.</summary>
    public static IEstimator<ITransformer> Linear(TaskKind task, MLContext ml) => task switch
    {
        TaskKind.Binary => ml.BinaryClassification.Trainers.LbfgsLogisticRegression(Label, Features),
        TaskKind.Multiclass => ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(Label, Features),
        // SDCA stops at a relative duality gap of 0.01 by default, short of the least-squares fit on small data.
        _ => ml.Regression.Trainers.Sdca(new SdcaRegressionTrainer.Options
        {
            LabelColumnName = Label, FeatureColumnName = Features, NumberOfThreads = 1, ConvergenceTolerance = 1e-5f, MaximumNumberOfIterations = 1000,
        }),
    };

    /// <summary>
    /// The feature-blind model: regression predicts the training mean; classification fits L-BFGS on a constant zero
    /// feature, which leaves only the intercepts, so the probabilities are the training class frequencies.
    /// </summary>
    public static IEstimator<ITransformer> Mean(TaskKind task, MLContext ml)
    {
        if (task == TaskKind.Regression) return new MeanRegressor(ml);
        var constant = ml.Transforms.CustomMapping<NoInput, ConstantRow>((_, row) => row.Constant = new float[1], contractName: null);
        return task == TaskKind.Binary
            ? constant.Append(ml.BinaryClassification.Trainers.LbfgsLogisticRegression(Label, ConstantColumn))
            : constant.Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(Label, ConstantColumn));
    }

    private sealed class NoInput;

    private sealed class ConstantRow
    {
        [ColumnName(ConstantColumn), VectorType(1)]
        public float[] Constant { get; set; } = [];
    }

    private sealed class ScoreRow
    {
        public float Score { get; set; }
    }

    // Score = the mean of the training labels, for every row.
    private sealed class MeanRegressor(MLContext ml) : IEstimator<ITransformer>
    {
        public ITransformer Fit(IDataView input)
        {
            double sum = 0;
            long count = 0;
            foreach (float label in input.GetColumn<float>(Label))
            {
                sum += label;
                count++;
            }
            float mean = count == 0 ? 0f : (float)(sum / count);
            return Mapping(mean).Fit(input);
        }

        public SchemaShape GetOutputSchema(SchemaShape inputSchema) => Mapping(0f).GetOutputSchema(inputSchema);

        private IEstimator<ITransformer> Mapping(float mean) =>
            ml.Transforms.CustomMapping<NoInput, ScoreRow>((_, row) => row.Score = mean, contractName: null);
    }
}
