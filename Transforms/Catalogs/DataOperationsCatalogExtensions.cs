using Microsoft.ML;
using Microsoft.ML.Transforms.Image;

namespace MLExt.Transforms;

/// <summary>MLExt's data operations in ML.NET's <c>mlContext.Data</c> catalog.</summary>
public static class DataOperationsCatalogExtensions
{
    /// <summary>
    /// Expands a data set with augmented copies of its images: each row is followed by
    /// <see cref="ImageAugmentationOptions.CopiesPerImage"/> copies whose <paramref name="imageColumnName"/> image is
    /// flipped, rotated, scaled, shifted and colour-jittered as the options say (the original row first when
    /// <see cref="ImageAugmentationOptions.KeepOriginals"/>); the other columns are copied unchanged. Lazy: images are
    /// made as rows are read, the same ones on every pass. Use it on training data only.
    /// </summary>
    /// <param name="catalog">The data operations catalog.</param>
    /// <param name="input">Rows with an image column, such as the output of <c>mlContext.Transforms.LoadImages</c>.</param>
    /// <param name="imageColumnName">The column of <see cref="Microsoft.ML.Data.MLImage"/> values.</param>
    /// <param name="options">What to do to each copy; default options when null.</param>
    /// <exception cref="ArgumentException">The column is missing or does not hold images.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (named).</exception>
    public static IDataView AugmentImages(this DataOperationsCatalog catalog, IDataView input, string imageColumnName, ImageAugmentationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentException.ThrowIfNullOrWhiteSpace(imageColumnName);
        var column = input.Schema.GetColumnOrNull(imageColumnName)
            ?? throw new ArgumentException($"Image column '{imageColumnName}' was not found; the data has columns {string.Join(", ", input.Schema.Select(c => $"'{c.Name}'"))}.", nameof(imageColumnName));
        if (column.Type is not ImageDataViewType)
            throw new ArgumentException($"Column '{imageColumnName}' has type {column.Type}; expected images (load them with mlContext.Transforms.LoadImages).", nameof(imageColumnName));
        return new AugmentedImageDataView(input, column, options ?? new ImageAugmentationOptions());
    }
}
