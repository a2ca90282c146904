namespace MLExt.Evaluation.Plots;

/// <summary>Which point of a text line its x coordinate names (the y coordinate is always the line's vertical centre).</summary>
internal enum TextAnchor
{
    Start,
    Middle,
    End,
}
