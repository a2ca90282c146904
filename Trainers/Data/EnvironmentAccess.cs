using System.Reflection;
using Microsoft.ML.Runtime;

namespace MLExt.Trainers;

/// <summary>
/// ML.NET exposes a trainer catalog's <see cref="IHostEnvironment"/> (the MLContext's log and seed)
/// only through an internal interface. This reads it so that catalog-created trainers log to
/// <c>MLContext.Log</c> and draw their seed from the context; if a future ML.NET moves it, the trainers
/// still work, without the log and with a fixed default seed.
/// </summary>
internal static class EnvironmentAccess
{
    public static IHostEnvironment? FromCatalog(object catalog)
    {
        var property = catalog.GetType().BaseType?
            .GetProperty("Microsoft.ML.Data.IInternalCatalog.Environment", BindingFlags.Instance | BindingFlags.NonPublic);
        return property?.GetValue(catalog) as IHostEnvironment;
    }
}
