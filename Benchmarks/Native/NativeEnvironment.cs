using System.Runtime.InteropServices;

namespace MLExt.Benchmarks.Native;

/// <summary>
/// Sets a variable in the process's native environment (C's <c>setenv</c>), which a native library
/// reads with <c>getenv</c> when it loads. <see cref="Environment.SetEnvironmentVariable(string, string)"/>
/// changes only .NET's own copy on Unix, so it cannot steer a library such as OpenBLAS.
/// </summary>
internal static partial class NativeEnvironment
{
    /// <summary>Sets <paramref name="name"/> to <paramref name="value"/> for native code (and for .NET); false where there is no libc.</summary>
    public static bool Set(string name, string value)
    {
        Environment.SetEnvironmentVariable(name, value);
        if (OperatingSystem.IsWindows()) return false;
        try
        {
            return SetEnv(name, value, overwrite: 1) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnv(string name, string value, int overwrite);
}
