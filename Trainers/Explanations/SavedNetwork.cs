using System.Text.Json;
using MLExt.Neural;
using Microsoft.ML;

namespace MLExt.Trainers;

/// <summary>
/// A trained network as explanations need it: its own copy (so explaining never races scoring on the same layer
/// buffers), the feature column it reads and its task. Found in a fitted pipeline with <see cref="Find"/>, or read from a
/// model zip saved by MLExt with <see cref="FromModelFile"/> (the zip's ONNX graph carries the layers' configurations
/// and weights in its metadata entry <see cref="MetadataKey"/>, since ML.NET's loaded <c>OnnxTransformer</c> runs the
/// graph but cannot differentiate it).
/// </summary>
public sealed class SavedNetwork
{
    /// <summary>The ONNX metadata entry holding the network.</summary>
    public const string MetadataKey = "mlext.network";

    private SavedNetwork(Network network, string featureColumnName, string task)
    {
        Network = network;
        FeatureColumnName = featureColumnName;
        Task = task;
    }

    /// <summary>The network (a copy; built, with the trained weights).</summary>
    public Network Network { get; }

    /// <summary>The feature column it reads.</summary>
    public string FeatureColumnName { get; }

    /// <summary><c>multiclass</c>, <c>binary</c> or <c>regression</c>.</summary>
    public string Task { get; }

    /// <summary>The last MLExt network of <paramref name="model"/> (a <see cref="NeuralNetworkTransformer"/>, possibly
    /// inside chains), or null when it holds none.</summary>
    public static SavedNetwork? Find(ITransformer model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var found = Flatten(model).OfType<NeuralNetworkTransformer>().LastOrDefault();
        if (found is { IsGraph: true })
            throw new ArgumentException("The model's network is a model graph bound to several columns; explanations read a "
                + "network over one features column. Permutation importance still works on it.", nameof(model));
        return found is null ? null : new SavedNetwork(Copy(found.Network), found.FeatureColumnName, found.Task);
    }

    /// <summary>The network saved in the model zip at <paramref name="path"/> (the last one, if several), or null when
    /// the zip holds no MLExt network.</summary>
    /// <exception cref="InvalidDataException">The file is not a loadable model zip; the message names it.</exception>
    public static SavedNetwork? FromModelFile(string path)
    {
        ModelZip.Check(path);
        using var zip = System.IO.Compression.ZipFile.OpenRead(path);
        SavedNetwork? found = null;
        foreach (var entry in zip.Entries.Where(e => e.Name == "OnnxModel"))
        {
            var entryText = ModelZip.ReadGraph(path, entry).MetadataProps.FirstOrDefault(p => p.Key == MetadataKey)?.Value;
            if (entryText is null) continue;
            try
            {
                found = Read(entryText);
            }
            catch (Exception e) when (e is JsonException or FormatException or ArgumentException or KeyNotFoundException)
            {
                throw new InvalidDataException($"'{path}' holds an MLExt network that cannot be read ({e.Message.TrimEnd('.')}).", e);
            }
        }
        return found;
    }

    /// <summary>The metadata text for <paramref name="model"/>: layer configurations, input shape, weights.</summary>
    internal static string Write(NeuralNetworkTransformer model)
    {
        var network = model.Network;
        var form = new SavedForm(model.FeatureColumnName, model.Task, network.InputShape,
            network.Layers.Select(l => ConfigForm.Of(l.GetConfig())).ToArray(),
            network.GetWeights().Select(w => Convert.ToBase64String(System.Runtime.InteropServices.MemoryMarshal.AsBytes(w.AsSpan()))).ToArray());
        return JsonSerializer.Serialize(form);
    }

    private static SavedNetwork Read(string text)
    {
        var form = JsonSerializer.Deserialize<SavedForm>(text) ?? throw new FormatException("the entry is empty");
        var network = new Network(form.Layers.Select(l => Layer.FromConfig(l.ToConfig())));
        network.Build(form.InputShape, new RandomSource(0));
        network.SetWeights(form.Weights.Select(w => System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(Convert.FromBase64String(w)).ToArray()).ToArray());
        return new SavedNetwork(network, form.Feature, form.Task);
    }

    private static Network Copy(Network trained)
    {
        var copy = new Network(trained.Layers.Select(l => l.CloneUnbuilt()));
        copy.Build(trained.InputShape, new RandomSource(0));
        copy.SetWeights(trained.GetWeights());
        return copy;
    }

    private static IEnumerable<ITransformer> Flatten(ITransformer model) =>
        model is IEnumerable<ITransformer> chain ? chain.SelectMany(Flatten) : [model];

    private sealed record SavedForm(string Feature, string Task, int[] InputShape, ConfigForm[] Layers, string[] Weights);

    private sealed record ConfigForm(string Type, Dictionary<string, string> Settings, ConfigForm[] Children)
    {
        public static ConfigForm Of(LayerConfig config) =>
            new(config.Type, config.Settings.ToDictionary(), config.Children.Select(Of).ToArray());

        public LayerConfig ToConfig()
        {
            var config = new LayerConfig(Type);
            foreach (var (name, value) in Settings) config.Set(name, value);
            config.Children.AddRange(Children.Select(c => c.ToConfig()));
            return config;
        }
    }
}
