using Google.Protobuf;
using MLExt.IO;
using MLExt.Neural.Onnx.Proto;

namespace MLExt.Trainers;

/// <summary>
/// Writes an ONNX graph for ML.NET's <c>ApplyOnnxModel</c>. ML.NET's <c>ApplyOnnxModel(Stream)</c> copies the graph to a
/// temporary file it never deletes; so MLExt writes the copy itself, readable by this user only, in
/// <see cref="PrivateTempFolder"/>, and the owner of the transformer deletes it when disposed.
/// </summary>
internal static class PrivateOnnxFile
{
    /// <summary>The path of a new file holding <paramref name="model"/>.</summary>
    public static string Write(ModelProto model)
    {
        string path = Path.Combine(PrivateTempFolder.Path, $"graph-{Guid.NewGuid():N}.onnx");
        var owner = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) owner.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var file = new FileStream(path, owner);
        model.WriteTo(file);
        return path;
    }
}
