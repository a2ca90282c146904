using System.Text.Json;
using MLExt.AutoML;

namespace MLExt.Tests.AutoML;

public sealed class ParametersTests
{
    private static Parameters Sample() => new([
        new("LearningRate", 0.0031), new("Layers", 2), new("Activation", "relu"), new("Whole", 2.0), new("Tiny", 1e-300), new("Third", 1.0 / 3),
    ]);

    [Fact]
    public void JsonRoundTripsValuesAndTheirTypesExactly()
    {
        var p = Sample();
        string json = p.ToJson();
        Assert.Equal("""{"LearningRate":0.0031,"Layers":2,"Activation":"relu","Whole":2.0,"Tiny":1E-300,"Third":0.3333333333333333}""", json);
        var back = Parameters.FromJson(json);
        Assert.Equal(p, back);
        Assert.IsType<int>(back["Layers"]);
        Assert.IsType<double>(back["Whole"]);
        Assert.Equal(1.0 / 3, back.GetDouble("Third"));
        Assert.Equal(p.Names, back.Names);
    }

    [Fact]
    public void ToStringIsReadable()
        => Assert.Equal("LearningRate=0.0031, Layers=2, Activation=relu, Whole=2, Tiny=1E-300, Third=0.3333", Sample().ToString());

    [Fact]
    public void EqualityIgnoresOrderButNotTypesOrValues()
    {
        var a = new Parameters([new("x", 1), new("y", "b")]);
        var b = new Parameters([new("y", "b"), new("x", 1)]);
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, new Parameters([new("x", 1.0), new("y", "b")]));
        Assert.NotEqual(a, new Parameters([new("x", 2), new("y", "b")]));
        Assert.NotEqual(a, new Parameters([new("x", 1)]));
    }

    [Fact]
    public void GettersConvertWhereSafeAndOtherwiseSayWhy()
    {
        var p = Sample();
        Assert.Equal(2.0, p.GetDouble("Layers"));
        Assert.Equal(2, p.GetInt32("Whole"));
        Assert.Contains("'LearningRate'", Assert.Throws<InvalidOperationException>(() => p.GetInt32("LearningRate")).Message);
        Assert.Contains("'Activation'", Assert.Throws<InvalidOperationException>(() => p.GetDouble("Activation")).Message);
        Assert.Contains("'Layers'", Assert.Throws<InvalidOperationException>(() => p.GetString("Layers")).Message);
        Assert.Contains("'Missing'", Assert.Throws<KeyNotFoundException>(() => p.GetDouble("Missing")).Message);
    }

    [Fact]
    public void InvalidValuesAreRejectedNamingTheParameter()
    {
        Assert.Contains("'x'", Assert.Throws<ArgumentException>(() => new Parameters([new("x", double.NaN)])).Message);
        Assert.Contains("'x'", Assert.Throws<ArgumentException>(() => new Parameters([new("x", 5L)])).Message);
        Assert.Contains("'x'", Assert.Throws<ArgumentException>(() => new Parameters([new("x", 1), new("x", 2)])).Message);
        Assert.Throws<JsonException>(() => Parameters.FromJson("""{"x":[1]}"""));
        Assert.Equal(0.5, new Parameters([new("f", 0.5f)]).GetDouble("f"));
    }

    [Fact]
    public void WithReplacesOrAppends()
    {
        var p = new Parameters([new("x", 1)]);
        Assert.Equal(new Parameters([new("x", 3)]), p.With("x", 3));
        Assert.Equal(["x", "y"], p.With("y", "z").Names);
        Assert.Equal(1, p.GetInt32("x"));
    }
}
