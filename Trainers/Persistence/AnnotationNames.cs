namespace MLExt.Trainers;

/// <summary>ML.NET's standard annotation kinds (ML.NET's own constants are internal).</summary>
internal static class AnnotationNames
{
    public const string KeyValues = "KeyValues";

    public const string SlotNames = "SlotNames";
}
