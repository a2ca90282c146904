using MLExt.AutoML;
using MLExt.Neural;

namespace MLExt.Tests.AutoML;

public sealed class SearchSpaceTests
{
    /// <summary>A space with every kind and two levels of conditions.</summary>
    internal static SearchSpace Mixed() => new SearchSpace()
        .Float("LearningRate", 1e-4, 1e-1, log: true)
        .Float("Dropout", 0, 0.5)
        .Int("Layers", 1, 3)
        .When("Layers", v => v >= 2, s => s.Int("Width2", 8, 256, log: true), "Layers ≥ 2")
        .Choice("Trainer", "sdca", "fasttree", "mlp")
        .When("Trainer", "fasttree", s => s
            .Int("NumberOfTrees", 10, 500, log: true)
            .Choice("Boosting", "gbdt", "dart")
            .When("Boosting", "dart", d => d.Float("DropRate", 0.01, 0.5)))
        .When("Trainer", ["sdca", "mlp"], s => s.Float("L2", 1e-6, 1, log: true));

    [Fact]
    public void DimensionCountsEveryParameterAndDescriptorsKeepDeclarationOrder()
    {
        var space = Mixed();
        Assert.Equal(9, space.Dimension);
        Assert.Equal(["LearningRate", "Dropout", "Layers", "Width2", "Trainer", "NumberOfTrees", "Boosting", "DropRate", "L2"],
            space.Descriptors.Select(d => d.Name));
        Assert.Equal("Boosting = dart", space["DropRate"].Condition!.Description);
        Assert.Equal("Layers ≥ 2", space["Width2"].Condition!.Description);
        Assert.Equal("Trainer in {sdca, mlp}", space["L2"].Condition!.Description);
    }

    [Fact]
    public void DecodeIncludesOnlyActiveParameters()
    {
        var space = Mixed();
        var unit = Enumerable.Repeat(0.5, space.Dimension).ToArray();
        unit[space["Layers"].Index] = 0.1;        // Layers = 1: no Width2
        unit[space["Trainer"].Index] = 0.5;       // fasttree
        unit[space["Boosting"].Index] = 0.9;      // dart
        var p = space.Decode(unit);
        Assert.Equal(1, p.GetInt32("Layers"));
        Assert.False(p.Contains("Width2"));
        Assert.Equal("fasttree", p.GetString("Trainer"));
        Assert.Equal("dart", p.GetString("Boosting"));
        Assert.True(p.Contains("DropRate"));
        Assert.False(p.Contains("L2"));

        unit[space["Trainer"].Index] = 0.95;      // mlp: no tree parameters, L2 instead
        p = space.Decode(unit);
        Assert.Equal(["LearningRate", "Dropout", "Layers", "Trainer", "L2"], p.Names);
    }

    [Fact]
    public void DecodeMapsUnitCoordinatesToValues()
    {
        var space = new SearchSpace().Float("a", -1, 3).Float("b", 1e-3, 10, log: true).Int("c", 0, 4).Int("d", 1, 100, log: true).Choice("e", "x", "y");
        var p = space.Decode([0.25, 0.5, 0.999, 0, 0.49]);
        Assert.Equal(0.0, p.GetDouble("a"), 12);
        Assert.Equal(Math.Sqrt(1e-3 * 10), p.GetDouble("b"), 12); // geometric middle
        Assert.Equal(4, p.GetInt32("c"));
        Assert.Equal(1, p.GetInt32("d"));
        Assert.Equal("x", p.GetString("e"));
        var ends = space.Decode([0, 1, 0, 1, 1]);
        Assert.Equal(-1.0, ends.GetDouble("a"));
        Assert.Equal(10.0, ends.GetDouble("b"), 12);
        Assert.Equal(0, ends.GetInt32("c"));
        Assert.Equal(100, ends.GetInt32("d"));
        Assert.Equal("y", ends.GetString("e"));
    }

    [Fact]
    public void EncodeDecodeRoundTripsOnRandomPoints()
    {
        var space = Mixed();
        var random = new RandomSource(5);
        for (int trial = 0; trial < 500; trial++)
        {
            var unit = Enumerable.Range(0, space.Dimension).Select(_ => random.NextDouble()).ToArray();
            var p = space.Decode(unit);
            var encoded = space.Encode(p);
            var again = space.Decode(encoded);
            Assert.Equal(p.Names, again.Names);
            foreach (var name in p.Names)
            {
                if (p[name] is double d) Assert.Equal(d, again.GetDouble(name), Math.Abs(d) * 1e-12);
                else Assert.Equal(p[name], again[name]);
            }
            // Float coordinates come back as they were; inactive ones as 0.5.
            foreach (var descriptor in space.Descriptors)
            {
                if (!p.Contains(descriptor.Name)) Assert.Equal(0.5, encoded[descriptor.Index]);
                else if (descriptor.Kind == ParameterKind.Float) Assert.Equal(unit[descriptor.Index], encoded[descriptor.Index], 1e-12);
            }
        }
    }

    [Fact]
    public void IntegersAndChoicesGetEqualShares()
    {
        var space = new SearchSpace().Int("n", 1, 3).Choice("c", "a", "b", "c", "d");
        var counts = new Dictionary<object, int>();
        for (int i = 0; i < 1200; i++)
        {
            var p = space.Decode([(i + 0.5) / 1200, (i + 0.5) / 1200]);
            foreach (var (_, v) in p) counts[v] = counts.GetValueOrDefault(v) + 1;
        }
        Assert.Equal(400, counts[1]);
        Assert.Equal(400, counts[3]);
        Assert.Equal(300, counts["a"]);
        Assert.Equal(300, counts["d"]);
    }

    [Fact]
    public void LogIntegersGetSharesProportionalToTheirLogWidth()
    {
        var d = new SearchSpace().Int("n", 1, 3, log: true)["n"];
        var (a, b) = d.UnitBin(1);
        Assert.Equal(0.0, a);
        Assert.Equal(Math.Log(2) / Math.Log(4), b, 12);
        Assert.Equal(2, d.Decode(0.6));
        Assert.Equal(0.5 * (Math.Log(2) + Math.Log(3)) / Math.Log(4), d.Encode(2), 12);
    }

    [Fact]
    public void DefaultIsTheMiddleOrTheFirstChoiceAndRespectsConditions()
    {
        var p = Mixed().Default;
        Assert.Equal(Math.Sqrt(1e-4 * 1e-1), p.GetDouble("LearningRate"), 12);
        Assert.Equal(0.25, p.GetDouble("Dropout"));
        Assert.Equal(2, p.GetInt32("Layers"));
        Assert.Equal(45, p.GetInt32("Width2")); // round(√(8·256)) = round(45.25)
        Assert.Equal("sdca", p.GetString("Trainer"));
        Assert.True(p.Contains("L2"));
        Assert.False(p.Contains("NumberOfTrees"));
        Assert.True(Mixed().Contains(p));
    }

    [Theory]
    [InlineData("min ≥ max")]
    [InlineData("log through zero")]
    [InlineData("int min ≥ max")]
    [InlineData("log int from zero")]
    [InlineData("empty choices")]
    [InlineData("repeated choice")]
    [InlineData("duplicate name")]
    [InlineData("duplicate in sub-space")]
    [InlineData("unknown parent")]
    [InlineData("parent of wrong kind")]
    [InlineData("unknown choice in condition")]
    [InlineData("default outside range")]
    [InlineData("infinite bound")]
    public void InvalidSpacesFailAtConstructionNamingTheParameter(string what)
    {
        Action build = what switch
        {
            "min ≥ max" => () => new SearchSpace().Float("Rate", 1, 1),
            "log through zero" => () => new SearchSpace().Float("Rate", 0, 1, log: true),
            "int min ≥ max" => () => new SearchSpace().Int("Rate", 5, 2),
            "log int from zero" => () => new SearchSpace().Int("Rate", 0, 10, log: true),
            "empty choices" => () => new SearchSpace().Choice("Rate"),
            "repeated choice" => () => new SearchSpace().Choice("Rate", "a", "a"),
            "duplicate name" => () => new SearchSpace().Float("Rate", 0, 1).Int("Rate", 0, 3),
            "duplicate in sub-space" => () => new SearchSpace().Float("Rate", 0, 1).Choice("t", "a").When("t", "a", s => s.Float("Rate", 0, 2)),
            "unknown parent" => () => new SearchSpace().When("Rate", "a", s => s.Float("x", 0, 1)),
            "parent of wrong kind" => () => new SearchSpace().Float("Rate", 0, 1).When("Rate", v => v > 0, s => s.Float("x", 0, 1)),
            "unknown choice in condition" => () => new SearchSpace().Choice("Rate", "a").When("Rate", "b", s => s.Float("x", 0, 1)),
            "default outside range" => () => new SearchSpace().Float("Rate", 0, 1, defaultValue: 2),
            _ => () => new SearchSpace().Float("Rate", 0, double.PositiveInfinity),
        };
        var error = Assert.ThrowsAny<ArgumentException>(build);
        Assert.Contains("'Rate'", error.Message);
    }

    [Fact]
    public void DecodeAndEncodeRejectWrongInput()
    {
        var space = Mixed();
        Assert.Contains("9 coordinates", Assert.Throws<ArgumentException>(() => space.Decode([0.5])).Message);
        Assert.Contains("'LearningRate'", Assert.Throws<ArgumentException>(() => space.Decode(Enumerable.Repeat(double.NaN, 9).ToArray())).Message);
        var p = space.Default;
        Assert.Contains("'Dropout'", Assert.Throws<ArgumentException>(() => space.Encode(p.With("Dropout", 0.9))).Message);
        Assert.Contains("'NumberOfTrees'", Assert.Throws<ArgumentException>(() => space.Encode(p.With("NumberOfTrees", 50))).Message);
        Assert.Contains("'Stray'", Assert.Throws<ArgumentException>(() => space.Encode(p.With("Stray", 1))).Message);
        var missing = new Parameters(p.Where(kv => kv.Key != "Layers"));
        Assert.Contains("'Layers'", Assert.Throws<ArgumentException>(() => space.Encode(missing)).Message);
        Assert.False(space.Contains(missing));
    }

    private sealed class TrainerOptions
    {
        [SearchFloat(1e-4, 1e-1, Log = true)]
        public double LearningRate { get; set; }

        [SearchInt(1, 4, Default = 2)]
        public int Layers { get; set; }

        [SearchChoice("sdca", "fasttree")]
        public string Trainer { get; set; } = "";

        [SearchInt(10, 500, Log = true)]
        [SearchWhen("Trainer", "fasttree")]
        public int NumberOfTrees { get; set; }

        [SearchChoice]
        public DayOfWeek Day { get; set; }

        [SearchFloat(0, 1)]
        public float Dropout { get; set; }

        public int NotSearched { get; set; }
    }

    [Fact]
    public void FromOptionsReadsAttributesInDeclarationOrder()
    {
        var space = SearchSpace.FromOptions<TrainerOptions>();
        Assert.Equal(["LearningRate", "Layers", "Trainer", "NumberOfTrees", "Day", "Dropout"], space.Descriptors.Select(d => d.Name));
        Assert.True(space["LearningRate"].IsLog);
        Assert.Equal(2, space["Layers"].Default);
        Assert.Equal("Trainer = fasttree", space["NumberOfTrees"].Condition!.Description);
        Assert.Equal(Enum.GetNames<DayOfWeek>(), space["Day"].Choices);
        Assert.Equal(ParameterKind.Float, space["Dropout"].Kind);
    }

    private sealed class BadOptions
    {
        [SearchFloat(0, 1)]
        public string Rate { get; set; } = "";
    }

    [Fact]
    public void FromOptionsRejectsAnAttributeOnTheWrongPropertyType()
    {
        var error = Assert.Throws<ArgumentException>(() => SearchSpace.FromOptions<BadOptions>());
        Assert.Contains("'Rate'", error.Message);
    }
}
