using MLExt.IO;
using MLExt.Trainers;
using Microsoft.ML;

namespace MLExt.Cli.Prediction;

/// <summary>Loads a model zip named by a CLI option, checked first, with errors that name the option.</summary>
internal static class ModelLoader
{
    /// <summary>The model at <paramref name="modelPath"/> and its input schema.</summary>
    /// <exception cref="UserException">The file is not a loadable model zip.</exception>
    public static ITransformer Load(MLContext mlContext, string modelPath, out DataViewSchema inputSchema)
    {
        try
        {
            ModelZip.Check(modelPath);
        }
        catch (InvalidDataException e)
        {
            throw new UserException($"--model: {e.Message}");
        }
        try
        {
            var model = mlContext.Model.Load(modelPath, out inputSchema);
            // ML.NET copied the network to a file in the private folder (0700); make the copy 0600 too.
            PrivateTempFolder.RestrictFiles();
            return model;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // ML.NET reports a damaged zip through whatever its loaders throw, often wrapped in a TargetInvocationException.
            throw new UserException($"--model: '{modelPath}' is not a loadable ML.NET model zip: {Commands.CommandContext.Innermost(e).Message}");
        }
    }
}
