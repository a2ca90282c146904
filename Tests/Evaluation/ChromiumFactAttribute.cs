namespace MLExt.Tests.Evaluation;

/// <summary>A fact that is skipped, with the reason and the way to install it, when Chromium is absent.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (Chromium.Path is null)
            Skip = Chromium.Missing;
    }
}
