using Microsoft.ML;
using Microsoft.ML.Data;
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
        var column = AugmentingDataView.FindColumn(input, imageColumnName, nameof(imageColumnName), "Image", t => t is ImageDataViewType, "images (load them with mlContext.Transforms.LoadImages)");
        return new AugmentedImageDataView(input, column, options ?? new ImageAugmentationOptions());
    }

    /// <summary>
    /// Expands a data set with augmented copies of its texts: each row is followed by
    /// <see cref="TextAugmentationOptions.CopiesPerText"/> copies whose <paramref name="textColumnName"/> text has random
    /// words dropped, replaced by random words of the vocabulary and swapped with their neighbours, as the options say
    /// (the original row first when <see cref="TextAugmentationOptions.KeepOriginals"/>); the other columns are copied
    /// unchanged. Without <see cref="TextAugmentationOptions.Vocabulary"/>, replacements come from the distinct words of
    /// the column in <paramref name="input"/> (read once, here). Lazy otherwise, seeded: the same texts on every pass.
    /// Use it on training data only.
    /// </summary>
    /// <param name="catalog">The data operations catalog.</param>
    /// <param name="input">Rows with a text column.</param>
    /// <param name="textColumnName">The text column to augment.</param>
    /// <param name="options">What to do to each copy; default options when null.</param>
    /// <exception cref="ArgumentException">The column is missing or not text.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (named).</exception>
    public static IDataView AugmentText(this DataOperationsCatalog catalog, IDataView input, string textColumnName, TextAugmentationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentException.ThrowIfNullOrWhiteSpace(textColumnName);
        var column = AugmentingDataView.FindColumn(input, textColumnName, nameof(textColumnName), "Text", t => t is TextDataViewType, "text (String)");
        options = (options ?? new TextAugmentationOptions()).Clone();
        options.Validate();
        if (options.Vocabulary is null && options.ReplacementProbability > 0)
            options.Vocabulary = TextAugmenter.Words(ReadTexts(input, column));
        return new AugmentedTextDataView(input, column, options);
    }

    private static IEnumerable<string> ReadTexts(IDataView input, DataViewSchema.Column column)
    {
        using var cursor = input.GetRowCursor([column]);
        var getter = cursor.GetGetter<ReadOnlyMemory<char>>(column);
        ReadOnlyMemory<char> text = default;
        while (cursor.MoveNext())
        {
            getter(ref text);
            yield return text.ToString();
        }
    }
}
