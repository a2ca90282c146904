namespace MLExt.Neural;

/// <summary>
/// Rows for training in memory: features <c>[Count, ...FeatureShape]</c> and targets
/// <c>[Count, TargetWidth]</c>, both row-major.
/// </summary>
public sealed class TrainingSet
{
    /// <summary>Wraps arrays (not copied) as a training set.</summary>
    /// <exception cref="ArgumentException">The array lengths do not match the shapes, or a value is not finite.</exception>
    public TrainingSet(float[] features, int[] featureShape, float[] targets, int targetWidth)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(featureShape);
        ArgumentNullException.ThrowIfNull(targets);
        FeatureSize = Tensor.Product(featureShape);
        if (FeatureSize <= 0) throw new ArgumentException($"Feature shape {Tensor.FormatShape(featureShape)} has no values.", nameof(featureShape));
        if (targetWidth <= 0) throw new ArgumentOutOfRangeException(nameof(targetWidth), targetWidth, "Targets need at least one value per row.");
        if (features.Length % FeatureSize != 0)
            throw new ArgumentException($"{features.Length} feature values are not a whole number of rows of {FeatureSize}.", nameof(features));
        Count = features.Length / FeatureSize;
        if (targets.Length != Count * targetWidth)
            throw new ArgumentException($"{Count} rows need {Count * targetWidth} target values, got {targets.Length}.", nameof(targets));
        Features = features;
        FeatureShape = (int[])featureShape.Clone();
        Targets = targets;
        TargetWidth = targetWidth;
    }

    /// <summary>Feature values, row-major.</summary>
    public float[] Features { get; }

    /// <summary>Shape of one row's features.</summary>
    public int[] FeatureShape { get; }

    /// <summary>Values per feature row.</summary>
    public int FeatureSize { get; }

    /// <summary>Target values, row-major.</summary>
    public float[] Targets { get; }

    /// <summary>Values per target row.</summary>
    public int TargetWidth { get; }

    /// <summary>Number of rows.</summary>
    public int Count { get; }

    /// <summary>The same rows (arrays shared, not copied) with each row's features viewed as <paramref name="featureShape"/>.</summary>
    /// <exception cref="ArgumentException">The shape holds a different number of values than a row.</exception>
    public TrainingSet Reshape(int[] featureShape)
    {
        ArgumentNullException.ThrowIfNull(featureShape);
        if (Tensor.Product(featureShape) != FeatureSize)
            throw new ArgumentException($"Shape {Tensor.FormatShape(featureShape)} holds {Tensor.Product(featureShape)} values but a row has {FeatureSize}.", nameof(featureShape));
        return Tensor.SameShape(featureShape, FeatureShape) ? this : new TrainingSet(Features, featureShape, Targets, TargetWidth);
    }

    /// <summary>Copies the rows <paramref name="rows"/> into the batch tensors, resizing them to the batch.</summary>
    public void Gather(ReadOnlySpan<int> rows, Tensor features, Tensor targets)
    {
        if (features.Rank != FeatureShape.Length + 1 || features.Rows != rows.Length || !Tensor.SameShape(features.Shape.AsSpan(1), FeatureShape))
            features.Resize(Tensor.BatchShape(rows.Length, FeatureShape));
        if (targets.Rank != 2 || targets.Rows != rows.Length || targets.RowLength != TargetWidth) targets.Resize(rows.Length, TargetWidth);
        for (int i = 0; i < rows.Length; i++)
        {
            Features.AsSpan(rows[i] * FeatureSize, FeatureSize).CopyTo(features.Data.AsSpan(i * FeatureSize, FeatureSize));
            Targets.AsSpan(rows[i] * TargetWidth, TargetWidth).CopyTo(targets.Data.AsSpan(i * TargetWidth, TargetWidth));
        }
    }
}
