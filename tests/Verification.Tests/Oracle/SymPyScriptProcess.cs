using System;
using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;
using NeuralOdeGen.Verification;

namespace NeuralOdeGen.Verification.Tests.Oracle;

/// <summary>
/// <c>sympy_oracle.py</c> started bare, for protocol tests. Without an interpreter or without SymPy it fails at start with
/// the install hint (as <see cref="SymPyOracle"/> does), instead of every test later reading a missing line.
/// </summary>
internal sealed class SymPyScriptProcess : IDisposable
{
    private SymPyScriptProcess(Process process, JsonDocument handshake)
    {
        Process = process;
        Handshake = handshake;
    }

    public Process Process { get; }

    public JsonDocument Handshake { get; }

    /// <exception cref="SymbolicOracleException">The interpreter cannot be run or cannot import SymPy; the message carries <see cref="SymPyOracle.InstallHint"/>.</exception>
    public static SymPyScriptProcess Start(string pythonPath, params string[] interpreterArguments)
    {
        var start = new ProcessStartInfo(pythonPath)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in interpreterArguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add("-u");
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(SymPyScript.Text);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception e)
        {
            throw new SymbolicOracleException($"The SymPy protocol tests cannot run the interpreter '{pythonPath}' ({e.Message}): {SymPyOracle.InstallHint}", e);
        }

        process.ErrorDataReceived += static (_, _) => { };
        process.BeginErrorReadLine();
        string? first = process.StandardOutput.ReadLine();
        JsonDocument? handshake = null;
        try
        {
            handshake = first is null ? null : JsonDocument.Parse(first);
        }
        catch (JsonException)
        {
            handshake = null;
        }

        if (handshake is null || !handshake.RootElement.TryGetProperty("ready", out JsonElement ready) || ready.ValueKind != JsonValueKind.True)
        {
            string error = handshake is not null && handshake.RootElement.TryGetProperty("error", out JsonElement e) ? e.GetString() ?? "" : first ?? "no output";
            handshake?.Dispose();
            process.Kill();
            process.Dispose();
            throw new SymbolicOracleException($"SymPy is not available to '{pythonPath}' ({error}): {SymPyOracle.InstallHint}");
        }

        return new SymPyScriptProcess(process, handshake);
    }

    public void Dispose()
    {
        Process.StandardInput.Close();
        Process.WaitForExit(5000);
        Process.Dispose();
        Handshake.Dispose();
    }
}
