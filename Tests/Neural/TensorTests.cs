using MLExt.Neural;

namespace MLExt.Tests.Neural;

public class TensorTests
{
    [Fact]
    public void ResizeReusesTheArrayWhenItIsBigEnough()
    {
        var t = new Tensor([1f, 2f, 3f, 4f, 5f, 6f], 2, 3);
        var data = t.Data;

        t.Resize(1, 3);
        Assert.Same(data, t.Data);
        Assert.Equal([1, 3], t.Shape);
        Assert.Equal(3, t.Length);
        Assert.Equal([1f, 2f, 3f], t.Span.ToArray());

        t.Resize(3, 2);
        Assert.Same(data, t.Data);
        Assert.Equal(6, t.Span.Length);

        t.Resize(4, 3);
        Assert.NotSame(data, t.Data);
        Assert.Equal(12, t.Length);
        Assert.True(t.Data.Length >= 12);
    }

    [Fact]
    public void EnsureCreatesOnceAndThenReuses()
    {
        Tensor? buffer = null;
        var created = Tensor.Ensure(ref buffer, 4, 5);
        Assert.Same(buffer, created);
        var data = created.Data;
        Assert.Same(created, Tensor.Ensure(ref buffer, 4, 5));
        var smaller = Tensor.Ensure(ref buffer, 2, 5);
        Assert.Same(created, smaller);
        Assert.Same(data, smaller.Data);
        Assert.Equal([2, 5], smaller.Shape);
        Assert.Equal(10, smaller.Row(1).Length + smaller.Row(0).Length);
    }

    [Fact]
    public void RowsAndRowLengthDescribeTheBatch()
    {
        var t = new Tensor([0f, 1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f, 9f, 10f, 11f], 3, 2, 2);
        Assert.Equal(3, t.Rows);
        Assert.Equal(4, t.RowLength);
        Assert.Equal(3, t.Rank);
        Assert.Equal([8f, 9f, 10f, 11f], t.Row(2).ToArray());
        Assert.Equal(4, new Tensor(0, 4).RowLength);
        Assert.Equal(0, new Tensor(0, 4).Length);
        var scalar = new Tensor();
        Assert.Equal(1, scalar.Length);
        Assert.Equal(1, scalar.Rows);
        Assert.Equal("[3, 2, 2]", t.ShapeText);
        Assert.Equal("Tensor[3, 2, 2]", t.ToString());
    }

    [Fact]
    public void CloneIsDeepAndRightSized()
    {
        var t = new Tensor([1f, 2f, 3f, 4f], 2, 2);
        t.Resize(1, 2);
        var copy = t.Clone();
        Assert.Equal(2, copy.Data.Length);
        copy[0] = 42f;
        Assert.Equal(1f, t[0]);
        Assert.Equal(t.Shape, copy.Shape);
        Assert.NotSame(t.Shape, copy.Shape);
    }

    [Fact]
    public void ShapesAreCopiedNotShared()
    {
        int[] shape = [2, 3];
        var t = new Tensor(shape);
        shape[0] = 7;
        Assert.Equal([2, 3], t.Shape);
    }

    [Fact]
    public void NegativeDimensionsAreRejectedWithTheShape()
    {
        Assert.Contains("[2, -1]", Assert.Throws<ArgumentException>(() => new Tensor(2, -1)).Message);
        Assert.Contains("[-3]", Assert.Throws<ArgumentException>(() => new Tensor(4).Resize(-3)).Message);
    }

    [Fact]
    public void DataLengthMismatchNamesShapeAndCounts()
    {
        var message = Assert.Throws<ArgumentException>(() => new Tensor(new float[5], 2, 3)).Message;
        Assert.Contains("[2, 3]", message);
        Assert.Contains("6", message);
        Assert.Contains("5", message);
    }

    [Fact]
    public void CopyToNeedsTheSameLength()
    {
        var source = new Tensor([1f, 2f, 3f], 3);
        var destination = new Tensor(1, 3);
        source.CopyTo(destination);
        Assert.Equal([1f, 2f, 3f], destination.Span.ToArray());
        var message = Assert.Throws<ArgumentException>(() => source.CopyTo(new Tensor(4))).Message;
        Assert.Contains("3", message);
        Assert.Contains("4", message);
    }

    [Theory]
    [InlineData(new[] { 65536, 65536 })]
    [InlineData(new[] { 1 << 22, 1 << 22, 1 << 22 })] // 2⁶⁶ wraps a long to 0
    [InlineData(new[] { 1 << 21, 1 << 21, 1 << 21 })] // 2⁶³ wraps a long to a negative number
    public void ShapesTooLargeForAnArrayAreRejected(int[] shape) =>
        Assert.Contains("more values", Assert.Throws<ArgumentException>(() => new Tensor(shape)).Message);

    [Fact]
    public void AnEmptyDimensionMakesAnyShapeEmpty() =>
        Assert.Equal(0, new Tensor(1 << 16, 1 << 16, 1 << 16, 1 << 16, 0).Length);
}
