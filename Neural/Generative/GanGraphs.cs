namespace MLExt.Neural;

/// <summary>The checks and small pieces shared by the GAN's step, training and sampling.</summary>
internal static class GanGraphs
{
    /// <summary>
    /// Throws unless G reads <see cref="GanNames.Noise"/> [noise] (and <see cref="GanNames.Class"/> [k]) and has one
    /// output, and D reads <see cref="GanNames.Image"/> of G's output shape (and the same <see cref="GanNames.Class"/>)
    /// and outputs one logit; the message names the node, its layer and the shapes.
    /// </summary>
    public static void Check(ModelGraph generator, ModelGraph discriminator)
    {
        if (generator.Outputs.Count != 1)
            throw new ArgumentException($"The generator must have one output (the image), but has {generator.Outputs.Count}.", nameof(generator));
        var noise = generator.Inputs.FirstOrDefault(i => i.Name == GanNames.Noise);
        if (noise is null || noise.Shape.Length != 1)
            throw new ArgumentException($"The generator needs an input '{GanNames.Noise}' [noise size]; its inputs are " +
                $"{string.Join(", ", generator.Inputs)}.", nameof(generator));
        int classes = Classes(generator);
        var unknown = generator.Inputs.FirstOrDefault(i => i.Name is not (GanNames.Noise or GanNames.Class));
        if (unknown is not null)
            throw new ArgumentException($"The generator's input '{unknown.Name}' is not one the GAN feeds ('{GanNames.Noise}', " +
                $"'{GanNames.Class}').", nameof(generator));
        var image = discriminator.Inputs.FirstOrDefault(i => i.Name == GanNames.Image)
            ?? throw new ArgumentException($"The discriminator needs an input '{GanNames.Image}'; its inputs are " +
                $"{string.Join(", ", discriminator.Inputs)}.", nameof(discriminator));
        var fake = generator.Outputs[0];
        if (!Tensor.SameShape(fake.Shape, image.Shape))
            throw new ArgumentException($"The generator's output '{fake.Name}' (node '{fake.Node}', {LayerAt(generator, fake.Node)}) gives " +
                $"images of shape {Tensor.FormatShape(fake.Shape)}, but the discriminator's input '{GanNames.Image}' takes " +
                $"{Tensor.FormatShape(image.Shape)}.", nameof(generator));
        var discriminatorClass = discriminator.Inputs.FirstOrDefault(i => i.Name == GanNames.Class);
        int discriminatorClasses = discriminatorClass is { Shape: [int k] } ? k : 0;
        if (discriminatorClasses != classes)
            throw new ArgumentException(classes == 0
                ? $"The discriminator reads classes ('{GanNames.Class}' {Tensor.FormatShape(discriminatorClass!.Shape)}) but the generator does not."
                : $"The generator reads {classes} classes, so the discriminator needs an input '{GanNames.Class}' [{classes}]; its " +
                    $"inputs are {string.Join(", ", discriminator.Inputs)}.", nameof(discriminator));
        var unread = discriminator.Inputs.FirstOrDefault(i => i.Name is not (GanNames.Image or GanNames.Class));
        if (unread is not null)
            throw new ArgumentException($"The discriminator's input '{unread.Name}' is not one the GAN feeds ('{GanNames.Image}', " +
                $"'{GanNames.Class}').", nameof(discriminator));
        if (discriminator.Outputs.Count != 1 || discriminator.Outputs[0].Shape is not [1])
            throw new ArgumentException($"The discriminator must have one output, a logit [1]; it has " +
                $"{string.Join(", ", discriminator.Outputs)}.", nameof(discriminator));
    }

    /// <summary>The size of G's one-hot class input, 0 when it has none.</summary>
    /// <exception cref="ArgumentException">The class input is not a vector.</exception>
    public static int Classes(ModelGraph generator)
    {
        var input = generator.Inputs.FirstOrDefault(i => i.Name == GanNames.Class);
        if (input is null) return 0;
        return input.Shape is [int k] && k >= 2 ? k
            : throw new ArgumentException($"The generator's input '{GanNames.Class}' must be a one-hot vector [classes ≥ 2], got " +
                $"{Tensor.FormatShape(input.Shape)}.", nameof(generator));
    }

    /// <summary>Fills <paramref name="target"/> [rows, k] with the one-hot rows of <paramref name="classOf"/>(row).</summary>
    public static void OneHot(Tensor target, int rows, Func<int, int> classOf)
    {
        target.Clear();
        int k = target.RowLength;
        var values = target.Span;
        for (int r = 0; r < rows; r++) values[r * k + classOf(r)] = 1f;
    }

    private static string LayerAt(ModelGraph graph, string node) =>
        graph.Steps.FirstOrDefault(s => s.Name == node)?.Layer is { } layer ? $"layer {layer.TypeName}" : "not a layer";
}
