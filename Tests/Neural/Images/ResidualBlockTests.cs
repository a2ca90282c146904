using MLExt.Neural;

namespace MLExt.Tests.Neural.Images;

public class ResidualBlockTests
{
    // conv k×k C→F and F→F without bias, two batch norms (γ, β); a projection adds a 1×1 C→F conv and a batch norm.
    private static int Count(int channels, int filters, int k, bool projection) =>
        channels * filters * k * k + filters * filters * k * k + 4 * filters + (projection ? channels * filters + 2 * filters : 0);

    [Fact]
    public void IdentityShortcutConforms() =>
        LayerConformance.CheckAll(() => new ResidualBlock(2), [2, 4, 4], Count(2, 2, 3, projection: false));

    [Fact]
    public void ProjectedShortcutWithStrideConforms() =>
        LayerConformance.CheckAll(() => new ResidualBlock(3, stride: 2), [2, 5, 5], Count(2, 3, 3, projection: true));

    [Fact]
    public void AutoPicksIdentityOnlyWhenTheShapeIsKept()
    {
        var same = new ResidualBlock(4);
        Assert.Equal([4, 6, 6], same.Build([4, 6, 6], new RandomSource(1)));
        Assert.Empty(same.ShortcutPath);
        var wider = new ResidualBlock(8);
        wider.Build([4, 6, 6], new RandomSource(1));
        Assert.Equal(2, wider.ShortcutPath.Count);
        var strided = new ResidualBlock(4, stride: 2);
        Assert.Equal([4, 3, 3], strided.Build([4, 6, 6], new RandomSource(1)));
        Assert.Equal(2, strided.ShortcutPath.Count);
        var forced = new ResidualBlock(4, shortcut: ResidualShortcut.Projection);
        forced.Build([4, 6, 6], new RandomSource(1));
        Assert.Equal(2, forced.ShortcutPath.Count);
        Assert.Equal(3, forced.States.Count(s => s.Name.EndsWith(".runningMean", StringComparison.Ordinal))); // bn1, bn2, projectionBn
    }

    [Fact]
    public void IdentityShortcutThatCannotKeepTheShapeIsRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new ResidualBlock(8, shortcut: ResidualShortcut.Identity).Build([4, 6, 6], new RandomSource(1)));
        Assert.Contains("[4, 6, 6]", error.Message);
        Assert.Contains("[8, 6, 6]", error.Message);
    }

    [Fact]
    public void OutputIsReluOfBranchPlusInput()
    {
        var block = new ResidualBlock(2);
        block.Build([2, 3, 3], new RandomSource(1));
        var x = TestTensors.Gaussian(new RandomSource(2), [2, 2, 3, 3]);
        var branch = x.Clone();
        foreach (var layer in block.MainPath) branch = layer.Forward(branch, false).Clone();
        var y = block.Forward(x, false);
        var expected = branch.Span.ToArray().Zip(x.Span.ToArray(), (b, v) => Math.Max(0f, b + v)).ToArray();
        TestTensors.AssertClose(expected, y.Span, 1e-6, "residual output");
    }

    [Fact]
    public void ParameterNamesAreUniqueAndPrefixed()
    {
        var block = new ResidualBlock(3, stride: 2);
        block.Build([2, 4, 4], new RandomSource(1));
        Assert.Equal(["conv1.kernel", "bn1.gamma", "bn1.beta", "conv2.kernel", "bn2.gamma", "bn2.beta",
            "projection.kernel", "projectionBn.gamma", "projectionBn.beta"], block.Parameters.Select(p => p.Name));
        Assert.Equal(6, block.States.Count);
    }
}
