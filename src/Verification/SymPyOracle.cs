using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NeuralOdeGen.Verification;

/// <summary>
/// <see cref="ISymbolicOracle"/> backed by SymPy: one long-lived Python process per instance that speaks JSON lines
/// (<c>sympy_oracle.py</c>, embedded in this assembly). Requests are pipelined; each one has its own timeout, after
/// which the process is killed and restarted and the entry that took too long is reported as
/// <see cref="SymbolicVerdict.TimedOut"/>. Calls are serialised, so one instance may be shared between threads.
/// </summary>
public sealed class SymPyOracle : ISymbolicOracle
{
    /// <summary>What to do when Python or SymPy is missing.</summary>
    public const string InstallHint = "install python3-sympy: apt-get install -y python3-sympy";

    private readonly SymPyOracleOptions _options;
    private readonly object _gate = new();
    private OracleProcess _process;
    private long _nextId;
    private bool _disposed;

    /// <summary>Starts the Python process and waits until SymPy is imported.</summary>
    /// <param name="options">Interpreter and timeouts; <see langword="null"/> for the defaults.</param>
    /// <exception cref="SymbolicOracleException">Python or SymPy is missing (the message says what to install).</exception>
    public SymPyOracle(SymPyOracleOptions? options = null)
    {
        _options = options ?? new SymPyOracleOptions();
        ArgumentException.ThrowIfNullOrWhiteSpace(_options.PythonPath, nameof(options) + "." + nameof(SymPyOracleOptions.PythonPath));
        ArgumentNullException.ThrowIfNull(_options.InterpreterArguments, nameof(options) + "." + nameof(SymPyOracleOptions.InterpreterArguments));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_options.RequestTimeout, TimeSpan.Zero, nameof(options) + "." + nameof(SymPyOracleOptions.RequestTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_options.StartupTimeout, TimeSpan.Zero, nameof(options) + "." + nameof(SymPyOracleOptions.StartupTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.PipelineDepth, 1, nameof(options) + "." + nameof(SymPyOracleOptions.PipelineDepth));
        _process = OracleProcess.Start(_options);
        Description = $"SymPy {_process.SymPyVersion} on Python {_process.PythonVersion} ({_options.PythonPath})";
    }

    /// <inheritdoc/>
    public string Description { get; }

    /// <summary>Gets how many times the process was restarted after a request timed out.</summary>
    public int RestartCount { get; private set; }

    /// <summary>
    /// The SymPy symbol of a parameter or state name: element <c>w[3]</c> of a <c>[Param(N)]</c> (or <c>[State(N)]</c>)
    /// span block is <c>w_3</c> in the generator's symbolic forms (a plain identifier); scalar names are unchanged.
    /// </summary>
    public static string SymbolName(string parameterName)
    {
        ArgumentNullException.ThrowIfNull(parameterName);
        int open = parameterName.IndexOf('[', StringComparison.Ordinal);
        return open > 0 && parameterName[^1] == ']'
            ? string.Concat(parameterName.AsSpan(0, open), "_", parameterName.AsSpan(open + 1, parameterName.Length - open - 2))
            : parameterName;
    }

    private static List<string> SymbolNames(IReadOnlyList<string> names)
    {
        var symbols = new List<string>(names.Count);
        foreach (string name in names)
        {
            symbols.Add(SymbolName(name));
        }

        return symbols;
    }

    /// <inheritdoc/>
    public SymbolicModelCheck CheckModel(OdeModelInfo info, IReadOnlyList<IReadOnlyList<double>> points)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(points);
        int n = info.StateCount;
        int m = info.ParameterCount;
        int width = n + m + (info.TimeName is null ? 0 : 1);
        for (int p = 0; p < points.Count; p++)
        {
            if (points[p] is null || points[p].Count != width)
            {
                throw new ArgumentException(
                    $"Point {p} has {points[p]?.Count ?? 0} values; model '{info.Name}' needs {width} (states, parameters{(info.TimeName is null ? "" : ", time")}).",
                    nameof(points));
            }
        }

        var model = new JsonObject
        {
            ["states"] = Strings(SymbolNames(info.StateNames)),
            ["parameters"] = Strings(SymbolNames(info.ParameterNames)),
            ["time"] = info.TimeName,
            ["rhs"] = Strings(info.RightHandSide),
        };
        var entries = new List<DerivativeEntry>(n * (n + m));
        var claims = new List<string>(n * (n + m));
        var requests = new List<JsonObject> { new() { ["op"] = "evaluate_rhs", ["model"] = model.DeepClone(), ["points"] = Points(points) } };
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                entries.Add(new DerivativeEntry(DerivativeKind.State, i, j, info.StateNames[i], info.StateNames[j]));
                claims.Add(info.StateJacobian[(i * n) + j]);
            }
        }

        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k < m; k++)
            {
                entries.Add(new DerivativeEntry(DerivativeKind.Parameter, i, k, info.StateNames[i], info.ParameterNames[k]));
                claims.Add(info.ParameterJacobian[(i * m) + k]);
            }
        }

        for (int e = 0; e < entries.Count; e++)
        {
            requests.Add(new JsonObject
            {
                ["op"] = "check_entry",
                ["model"] = model.DeepClone(),
                ["row"] = entries[e].Row,
                ["wrt"] = entries[e].Kind is DerivativeKind.Parameter or DerivativeKind.State ? SymbolName(entries[e].VariableName!) : entries[e].VariableName,
                ["claimed"] = claims[e],
                ["points"] = Points(points),
            });
        }

        OracleReply[] replies = Exchange(requests);
        JsonElement rhs = replies[0].Expect($"evaluating the right-hand side of model '{info.Name}'", _options.RequestTimeout);
        var rhsValues = new List<IReadOnlyList<double>>(points.Count);
        foreach (JsonElement row in rhs.GetProperty("values").EnumerateArray())
        {
            rhsValues.Add(Doubles(row));
        }

        var checks = new SymbolicEntryCheck[entries.Count];
        for (int e = 0; e < entries.Count; e++)
        {
            OracleReply reply = replies[e + 1];
            if (reply.TimedOut)
            {
                checks[e] = new SymbolicEntryCheck(
                    entries[e], claims[e], "", SymbolicVerdict.TimedOut,
                    $"SymPy did not answer within {_options.RequestTimeout.TotalSeconds:0.#} s for {entries[e].Label} of model '{info.Name}' (claimed '{claims[e]}'); the process was restarted.",
                    NaNs(points.Count), NaNs(points.Count));
                continue;
            }

            JsonElement result = reply.Expect($"checking {entries[e].Label} of model '{info.Name}' (claimed '{claims[e]}')", _options.RequestTimeout);
            checks[e] = new SymbolicEntryCheck(
                entries[e],
                claims[e],
                result.GetProperty("reference").GetString() ?? "",
                ParseVerdict(result.GetProperty("verdict").GetString()),
                result.GetProperty("detail").GetString() ?? "",
                Doubles(result.GetProperty("reference_values")),
                Doubles(result.GetProperty("claimed_values")));
        }

        return new SymbolicModelCheck(rhsValues, checks);
    }

    /// <inheritdoc/>
    public string Differentiate(string expression, IReadOnlyList<string> names, string variable)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(variable);
        JsonElement result = Request(new JsonObject { ["op"] = "differentiate", ["names"] = Strings(names), ["expr"] = expression, ["wrt"] = variable }, $"differentiating '{expression}' by {variable}");
        return result.GetProperty("derivative").GetString() ?? "";
    }

    /// <inheritdoc/>
    public IReadOnlyList<IReadOnlyList<double>> Evaluate(IReadOnlyList<string> expressions, IReadOnlyList<string> names, IReadOnlyList<IReadOnlyList<double>> points)
    {
        ArgumentNullException.ThrowIfNull(expressions);
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(points);
        JsonElement result = Request(
            new JsonObject { ["op"] = "evaluate", ["names"] = Strings(names), ["exprs"] = Strings(expressions), ["points"] = Points(points) },
            $"evaluating {expressions.Count} expression(s)");
        var values = new List<IReadOnlyList<double>>(points.Count);
        foreach (JsonElement row in result.GetProperty("values").EnumerateArray())
        {
            values.Add(Doubles(row));
        }

        return values;
    }

    /// <summary>Stops the Python process.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _process.Dispose();
        }
    }

    /// <summary>Sends one raw request (an object with an <c>op</c>) and returns its <c>result</c>; for the protocol's tests.</summary>
    internal JsonElement Request(JsonObject request, string what) =>
        Exchange([request])[0].Expect(what, _options.RequestTimeout);

    private static SymbolicVerdict ParseVerdict(string? verdict) => verdict switch
    {
        "equal" => SymbolicVerdict.Equal,
        "different" => SymbolicVerdict.Different,
        "numeric" => SymbolicVerdict.EqualNumerically,
        "unknown" => SymbolicVerdict.Unknown,
        "unparsable" => SymbolicVerdict.Unparsable,
        _ => throw new SymbolicOracleException($"The SymPy oracle answered an unknown verdict '{verdict}'."),
    };

    private static JsonArray Strings(IReadOnlyList<string> values)
    {
        var array = new JsonArray();
        foreach (string value in values)
        {
            array.Add(value);
        }

        return array;
    }

    private static JsonArray Points(IReadOnlyList<IReadOnlyList<double>> points)
    {
        var array = new JsonArray();
        foreach (IReadOnlyList<double> point in points)
        {
            var values = new JsonArray();
            foreach (double value in point)
            {
                values.Add(double.IsFinite(value) ? JsonValue.Create(value) : JsonValue.Create(value.ToString(CultureInfo.InvariantCulture)));
            }

            array.Add(values);
        }

        return array;
    }

    private static double[] Doubles(JsonElement array)
    {
        var values = new double[array.GetArrayLength()];
        int i = 0;
        foreach (JsonElement value in array.EnumerateArray())
        {
            values[i++] = value.ValueKind switch
            {
                JsonValueKind.Number => value.GetDouble(),
                JsonValueKind.String => value.GetString() switch
                {
                    "Infinity" => double.PositiveInfinity,
                    "-Infinity" => double.NegativeInfinity,
                    _ => double.NaN,
                },
                _ => double.NaN,
            };
        }

        return values;
    }

    private static double[] NaNs(int count)
    {
        var values = new double[count];
        Array.Fill(values, double.NaN);
        return values;
    }

    private OracleReply[] Exchange(IReadOnlyList<JsonObject> requests)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var replies = new OracleReply[requests.Count];
            var inFlight = new Queue<long>();
            int next = 0;
            int done = 0;
            while (done < requests.Count)
            {
                while (next < requests.Count && next - done < _options.PipelineDepth)
                {
                    long id = ++_nextId;
                    requests[next]["id"] = id;
                    _process.WriteLine(requests[next].ToJsonString());
                    inFlight.Enqueue(id);
                    next++;
                }

                string? line = _process.ReadLine(_options.RequestTimeout);
                if (line is null)
                {
                    // Only the request at the head of the pipeline was running: it alone timed out; resend the rest.
                    replies[done] = OracleReply.Timeout;
                    Restart();
                    inFlight.Clear();
                    done++;
                    next = done;
                    continue;
                }

                long expected = inFlight.Dequeue();
                replies[done++] = OracleReply.Parse(line, expected);
            }

            return replies;
        }
    }

    private void Restart()
    {
        _process.Kill();
        _process.Dispose();
        _process = OracleProcess.Start(_options);
        RestartCount++;
    }
}
