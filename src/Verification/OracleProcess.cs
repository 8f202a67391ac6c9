using System;
using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading;

namespace NeuralOdeGen.Verification;

/// <summary>
/// One running <c>sympy_oracle.py</c>: writes request lines, and reads response lines on a dedicated thread so that
/// neither pipe can fill up and deadlock while requests are pipelined.
/// </summary>
internal sealed class OracleProcess : IDisposable
{
    private const int StandardErrorTail = 4096;

    private readonly Process _process;
    private readonly BlockingCollection<string> _lines = new();
    private readonly StringBuilder _standardError = new();
    private readonly string _pythonPath;
    private Thread? _reader;

    private OracleProcess(Process process, string pythonPath)
    {
        _process = process;
        _pythonPath = pythonPath;
    }

    public string SymPyVersion { get; private set; } = "";

    public string PythonVersion { get; private set; } = "";

    public static OracleProcess Start(SymPyOracleOptions options)
    {
        var startInfo = new ProcessStartInfo(options.PythonPath)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (string argument in options.InterpreterArguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.ArgumentList.Add("-u");
        startInfo.ArgumentList.Add("-c");
        startInfo.ArgumentList.Add(SymPyScript.Text);
        startInfo.Environment["PYTHONIOENCODING"] = "utf-8";

        // A fixed hash seed makes SymPy's internal orderings, and so the time its simplifications take, the same in every
        // run: with Python's random seed a clean-clone CI run once spent more than ten minutes on requests that take
        // seconds in other runs.
        startInfo.Environment["PYTHONHASHSEED"] = "0";

        var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            process.Dispose();
            throw new SymbolicOracleException(
                $"Cannot start the SymPy oracle: the Python interpreter '{options.PythonPath}' could not be run ({e.Message}). " +
                $"The oracle needs the system Python with SymPy: {SymPyOracle.InstallHint} " +
                $"(or point {SymPyOracleOptions.PythonPathVariable} at an interpreter that can import sympy).",
                e);
        }

        var oracle = new OracleProcess(process, options.PythonPath);
        try
        {
            oracle.Begin();
            oracle.Handshake(options.StartupTimeout);
        }
        catch
        {
            oracle.Dispose();
            throw;
        }

        return oracle;
    }

    public void WriteLine(string line)
    {
        try
        {
            _process.StandardInput.Write(line);
            _process.StandardInput.Write('\n');
            _process.StandardInput.Flush();
        }
        catch (IOException e)
        {
            throw new SymbolicOracleException($"The SymPy oracle process is gone (writing a request failed: {e.Message}). {Exited()}", e);
        }
    }

    /// <summary>Returns the next response line, or <see langword="null"/> when none arrived within <paramref name="timeout"/>.</summary>
    public string? ReadLine(TimeSpan timeout)
    {
        if (_lines.TryTake(out string? line, timeout))
        {
            return line;
        }

        if (_lines.IsCompleted)
        {
            throw new SymbolicOracleException($"The SymPy oracle process stopped answering. {Exited()}");
        }

        return null;
    }

    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            _process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    public void Dispose()
    {
        try
        {
            // Closing stdin ends the script's read loop; kill only if it does not leave promptly.
            _process.StandardInput.Close();
            if (!_process.WaitForExit(2000))
            {
                Kill();
            }
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            Kill();
        }

        // The reader thread ends at end of output; only then may the collection it fills be disposed.
        if (_reader is null || _reader.Join(5000))
        {
            _lines.Dispose();
        }

        _process.Dispose();
    }

    private void Begin()
    {
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (_standardError)
            {
                _standardError.AppendLine(e.Data);
                if (_standardError.Length > 2 * StandardErrorTail)
                {
                    _standardError.Remove(0, _standardError.Length - StandardErrorTail);
                }
            }
        };
        _process.BeginErrorReadLine();
        _reader = new Thread(ReadLoop) { IsBackground = true, Name = "SymPy oracle reader" };
        _reader.Start();
    }

    private void ReadLoop()
    {
        try
        {
            while (_process.StandardOutput.ReadLine() is { } line)
            {
                _lines.Add(line);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The process was killed or disposed: end of output.
        }

        try
        {
            _lines.CompleteAdding();
        }
        catch (ObjectDisposedException)
        {
            // Disposed after a join timed out: nobody is waiting any more.
        }
    }

    private void Handshake(TimeSpan timeout)
    {
        string? line;
        try
        {
            line = ReadLine(timeout);
        }
        catch (SymbolicOracleException e)
        {
            Kill();
            throw new SymbolicOracleException(
                $"The SymPy oracle ('{_pythonPath}') exited before it was ready: {SymPyOracle.InstallHint}. {Exited()}", e);
        }

        if (line is null)
        {
            Kill();
            throw new SymbolicOracleException($"The SymPy oracle ('{_pythonPath}') did not start within {timeout.TotalSeconds:0.#} s. {Exited()}");
        }

        try
        {
            using var handshake = JsonDocument.Parse(line);
            JsonElement root = handshake.RootElement;
            if (!root.TryGetProperty("ready", out JsonElement ready) || ready.ValueKind != JsonValueKind.True)
            {
                string error = root.TryGetProperty("error", out JsonElement e) ? e.GetString() ?? "" : line;
                Kill();
                throw new SymbolicOracleException(
                    $"SymPy is not available to '{_pythonPath}' ({error}): {SymPyOracle.InstallHint}");
            }

            SymPyVersion = root.GetProperty("sympy").GetString() ?? "";
            PythonVersion = root.GetProperty("python").GetString() ?? "";
        }
        catch (JsonException e)
        {
            Kill();
            throw new SymbolicOracleException($"The SymPy oracle ('{_pythonPath}') wrote an unexpected first line: '{line}'.", e);
        }
    }

    private string Exited()
    {
        string code = "";
        try
        {
            if (_process.WaitForExit(1000))
            {
                code = $"Exit code {_process.ExitCode}. ";
            }
        }
        catch (InvalidOperationException)
        {
            // Not started or already disposed: nothing to add.
        }

        string tail;
        lock (_standardError)
        {
            tail = _standardError.ToString().Trim();
        }

        return tail.Length == 0 ? code + "It wrote nothing to stderr." : code + "Its stderr ends with: " + tail;
    }
}
