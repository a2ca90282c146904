using MLExt.Neural;

namespace MLExt.Tests.Neural.Sequence;

/// <summary>Padding must be inert: padded steps change no output, get exactly zero gradient and (with a time axis) output zeros.</summary>
internal static class PaddingChecks
{
    public static void AssertInert(Func<Layer> create, int[] inputShape, bool zeroOutputAtPadding)
    {
        const int batch = 4;
        int steps = inputShape[0], width = inputShape[1];
        var layer = create();
        layer.Build(inputShape, new RandomSource(21));
        var mask = ConformanceInput.RightPadded(batch, steps);
        var consumer = Assert.IsAssignableFrom<ISequenceMaskConsumer>(layer);
        var x = TestTensors.Gaussian(new RandomSource(22), [batch, .. inputShape]);
        consumer.SetInputMask(mask);
        var y = layer.Forward(x, training: true).Clone();

        // Other values at the padded steps: the same output, bit for bit.
        var noise = new RandomSource(23);
        var other = x.Clone();
        for (int i = 0; i < batch * steps; i++)
            if (mask[i] == 0f)
                for (int j = 0; j < width; j++) other[i * width + j] = 10f * noise.NextGaussian();
        consumer.SetInputMask(mask);
        TestTensors.AssertIdentical(y, layer.Forward(other, training: true), $"{layer} output with other padding values");

        if (zeroOutputAtPadding)
        {
            int outputWidth = y.Length / (batch * steps);
            for (int i = 0; i < batch * steps; i++)
                if (mask[i] == 0f) Assert.False(y.Span.Slice(i * outputWidth, outputWidth).ContainsAnyExcept(0f), $"{layer}: output at padded position {i} is not zero.");
        }

        var dx = layer.Backward(TestTensors.Gaussian(new RandomSource(24), y.Shape));
        for (int i = 0; i < batch * steps; i++)
            if (mask[i] == 0f) Assert.False(dx.Span.Slice(i * width, width).ContainsAnyExcept(0f), $"{layer}: dL/dx at padded position {i} is not zero.");
    }
}
