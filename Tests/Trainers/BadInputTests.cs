using MLExt.Neural;
using MLExt.Trainers;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExt.Tests.Trainers;

/// <summary>Every bad input fails at Fit with an error naming the column or option.</summary>
public sealed class BadInputTests
{
    private readonly MLContext _ml = new(seed: 1);

    [Theory]
    [InlineData(nameof(NeuralNetworkOptions.NumberOfEpochs))]
    [InlineData(nameof(NeuralNetworkOptions.BatchSize))]
    [InlineData(nameof(NeuralNetworkOptions.L2Regularization))]
    [InlineData(nameof(NeuralNetworkOptions.L1Regularization))]
    [InlineData(nameof(NeuralNetworkOptions.ValidationFraction))]
    [InlineData(nameof(NeuralNetworkOptions.GradientClipNorm))]
    [InlineData(nameof(Optimizer.LearningRate))]
    [InlineData(nameof(EarlyStopping.Patience))]
    public void OptionOutOfRangeIsNamed(string option)
    {
        var trainer = TrainerFactory.Multiclass(_ml, o =>
        {
            switch (option)
            {
                case nameof(NeuralNetworkOptions.NumberOfEpochs): o.NumberOfEpochs = 0; break;
                case nameof(NeuralNetworkOptions.BatchSize): o.BatchSize = 0; break;
                case nameof(NeuralNetworkOptions.L2Regularization): o.L2Regularization = -1f; break;
                case nameof(NeuralNetworkOptions.L1Regularization): o.L1Regularization = float.NaN; break;
                case nameof(NeuralNetworkOptions.ValidationFraction): o.ValidationFraction = 1f; break;
                case nameof(NeuralNetworkOptions.GradientClipNorm): o.GradientClipNorm = 0f; break;
                case nameof(Optimizer.LearningRate): o.Optimizer = new AdamOptimizer { LearningRate = -0.1f }; break;
                case nameof(EarlyStopping.Patience): o.EarlyStopping = new EarlyStopping { Patience = 0 }; break;
            }
        });
        var error = Assert.ThrowsAny<ArgumentOutOfRangeException>(() => trainer.Fit(SyntheticData.Multiclass(_ml, 30, 1)));
        Assert.Equal(option, error.ParamName);
        Assert.Contains(option, error.Message);
    }

    [Fact]
    public void DropoutRateOfOneIsRejected()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Layer.Dropout(1f));
        Assert.Equal("rate", error.ParamName);
    }

    [Fact]
    public void EmptyDataIsRejected()
    {
        var empty = _ml.Data.FilterRowsByColumn(SyntheticData.Multiclass(_ml, 30, 1), "Value", lowerBound: 1e9, upperBound: 2e9);
        var error = Assert.Throws<ArgumentException>(() => TrainerFactory.Multiclass(_ml).Fit(empty));
        Assert.Contains("no rows", error.Message);
    }

    private sealed class ScalarFeature
    {
        public float Features { get; set; }
        public bool Label { get; set; }
    }

    [Fact]
    public void FeaturesThatAreNotAVectorAreRejected()
    {
        var data = _ml.Data.LoadFromEnumerable([new ScalarFeature { Features = 1, Label = true }]);
        var error = Assert.Throws<ArgumentException>(() => TrainerFactory.Binary(_ml).Fit(data));
        Assert.Contains("'Features'", error.Message);
        Assert.Contains("vector", error.Message);
    }

    [Fact]
    public void NonFiniteFeatureIsNamedWithItsRow()
    {
        var rows = SyntheticData.Rows(20, 1);
        rows[7].Features[2] = float.NaN;
        var data = _ml.Transforms.CopyColumns("Label", "IsA").Fit(_ml.Data.LoadFromEnumerable(rows)).Transform(_ml.Data.LoadFromEnumerable(rows));
        var error = Assert.Throws<ArgumentException>(() => TrainerFactory.Binary(_ml).Fit(data));
        Assert.Contains("'Features'", error.Message);
        Assert.Contains("row 7", error.Message);
        Assert.Contains("slot 2", error.Message);
    }

    [Fact]
    public void WrongLabelTypesAreNamed()
    {
        var multiclassOnText = _ml.Transforms.CopyColumns("Label", "Class").Fit(SyntheticData.Load(_ml, 30, 1)).Transform(SyntheticData.Load(_ml, 30, 1));
        var e1 = Assert.Throws<ArgumentException>(() => TrainerFactory.Multiclass(_ml).Fit(multiclassOnText));
        Assert.Contains("'Label'", e1.Message);
        Assert.Contains("MapValueToKey", e1.Message);

        var binaryOnFloat = SyntheticData.Regression(_ml, 30, 1);
        var e2 = Assert.Throws<ArgumentException>(() => TrainerFactory.Binary(_ml).Fit(binaryOnFloat));
        Assert.Contains("'Label'", e2.Message);
        Assert.Contains("Boolean", e2.Message);

        var regressionOnBool = SyntheticData.Binary(_ml, 30, 1);
        var e3 = Assert.Throws<ArgumentException>(() => TrainerFactory.Regression(_ml).Fit(regressionOnBool));
        Assert.Contains("Single", e3.Message);

        var missing = Assert.Throws<ArgumentException>(() => TrainerFactory.Regression(_ml, o => o.LabelColumnName = "Price").Fit(binaryOnFloat));
        Assert.Contains("'Price'", missing.Message);
    }

    [Fact]
    public void MissingKeyLabelIsNamedWithItsRow()
    {
        var data = SyntheticData.Load(_ml, 30, 1);
        // Keys learned from a subset: class "c" becomes a missing key (0) in the full data.
        var subset = _ml.Data.FilterByCustomPredicate<SyntheticData.Row>(data, r => r.Class == "c");
        var keyed = _ml.Transforms.Conversion.MapValueToKey("Label", "Class").Fit(subset).Transform(data);
        var error = Assert.Throws<InvalidOperationException>(() => TrainerFactory.Multiclass(_ml).Fit(keyed));
        Assert.Contains("'Label'", error.Message);
        Assert.Contains("row", error.Message);
    }

    [Fact]
    public void NonFiniteRegressionLabelIsNamed()
    {
        var rows = SyntheticData.Rows(20, 1);
        rows[3].Value = float.PositiveInfinity;
        var data = _ml.Transforms.CopyColumns("Label", "Value").Fit(_ml.Data.LoadFromEnumerable(rows)).Transform(_ml.Data.LoadFromEnumerable(rows));
        var error = Assert.Throws<InvalidOperationException>(() => TrainerFactory.Regression(_ml).Fit(data));
        Assert.Contains("row 3", error.Message);
    }

    [Fact]
    public void DivergenceStopsWithAClearMessage()
    {
        var trainer = TrainerFactory.Regression(_ml, o =>
        {
            o.Optimizer = new SgdOptimizer { LearningRate = 1e6f };
            o.NumberOfEpochs = 5;
        });
        var error = Assert.Throws<TrainingDivergedException>(() => trainer.Fit(SyntheticData.Regression(_ml, 100, 1)));
        Assert.Contains("learning rate", error.Message);
    }
}
