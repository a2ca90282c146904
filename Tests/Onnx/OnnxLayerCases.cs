using MLExt.Neural;

namespace MLExt.Tests.Onnx;

/// <summary>
/// For every layer type, small networks containing it (with the per-sample input shape) whose ONNX
/// export is run in ONNX Runtime and compared with MLExt's forward pass. Add a layer type here when
/// you add its exporter; <see cref="OnnxExportTests.EveryLayerTypeHasAnExportCase"/> fails until you do.
/// </summary>
internal static class OnnxLayerCases
{
    public static readonly Activation[] Activations = Enum.GetValues<Activation>();

    /// <summary>Case name → (layer type under test, input shape, network factory).</summary>
    public static IEnumerable<(string Name, Type LayerType, int[] InputShape, Func<Layer[]> Layers)> All()
    {
        foreach (var a in Activations)
        {
            yield return ($"Dense {a}", typeof(Dense), [7], () => [new Dense(5, a)]);
            yield return ($"Dense {a} without bias", typeof(Dense), [7], () => [new Dense(4, a, useBias: false)]);
            yield return ($"ActivationLayer {a}", typeof(ActivationLayer), [3, 6], () => [new ActivationLayer(a)]);
        }
        yield return ("Dense LeakyRelu alpha 0.2", typeof(Dense), [6], () => [new Dense(5, Activation.LeakyRelu, activationAlpha: 0.2f)]);
        yield return ("Dense Elu alpha 0.5", typeof(Dense), [6], () => [new Dense(5, Activation.Elu, activationAlpha: 0.5f)]);
        yield return ("ActivationLayer LeakyRelu alpha 0.3", typeof(ActivationLayer), [9], () => [new ActivationLayer(Activation.LeakyRelu, 0.3f)]);
        yield return ("ActivationLayer Elu alpha 2", typeof(ActivationLayer), [9], () => [new ActivationLayer(Activation.Elu, 2f)]);
        yield return ("Dropout between Dense layers", typeof(Dropout), [8], () => [new Dense(16, Activation.Relu), new Dropout(0.5f), new Dense(3)]);
        yield return ("Multilayer perceptron", typeof(Dense), [10], () =>
            [new Dense(32, Activation.Gelu), new Dropout(0.2f), new Dense(16, Activation.Tanh), new ActivationLayer(Activation.Elu), new Dense(4, Activation.Softmax)]);
    }

    public static IEnumerable<object[]> Names() => All().Select(c => new object[] { c.Name });

    public static (string Name, Type LayerType, int[] InputShape, Func<Layer[]> Layers) Get(string name) => All().Single(c => c.Name == name);
}
