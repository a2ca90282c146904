namespace MLExt.Evaluation.Plots;

/// <summary>One bar of a bar chart, at its own category on the x axis, with an optional error bar.</summary>
/// <param name="Label">The category label under the bar.</param>
/// <param name="Value">The bar's height; NaN draws no bar.</param>
/// <param name="Color">The fill colour.</param>
/// <param name="ErrorLow">The error bar's lower end, or NaN for none.</param>
/// <param name="ErrorHigh">The error bar's upper end, or NaN for none.</param>
public sealed record PlotBar(string Label, double Value, PlotColor Color, double ErrorLow = double.NaN, double ErrorHigh = double.NaN);
