namespace MLExt.Data;

/// <summary>One mail of the SpamAssassin corpus as an ML.NET row: whether it is spam and its lowercased text.</summary>
public sealed class SpamMail
{
    /// <summary>True for spam, false for ham.</summary>
    public bool Label { get; set; }

    /// <summary>The subject, a space, then the body text (headers other than Subject are not kept).</summary>
    public string Text { get; set; } = "";
}
