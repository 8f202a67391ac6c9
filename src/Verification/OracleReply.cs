using System;
using System.Text.Json;

namespace NeuralOdeGen.Verification;

/// <summary>One response line of the oracle: a result, an error message, or a timeout.</summary>
internal readonly struct OracleReply
{
    private readonly JsonElement _result;
    private readonly string? _error;

    private OracleReply(JsonElement result, string? error, bool timedOut)
    {
        _result = result;
        _error = error;
        TimedOut = timedOut;
    }

    public static OracleReply Timeout => new(default, null, true);

    public bool TimedOut { get; }

    public static OracleReply Parse(string line, long expectedId)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            JsonElement root = document.RootElement;
            long id = root.TryGetProperty("id", out JsonElement idElement) && idElement.ValueKind == JsonValueKind.Number ? idElement.GetInt64() : -1;
            if (id != expectedId)
            {
                throw new SymbolicOracleException($"The SymPy oracle answered request {id} while request {expectedId} was expected: '{line}'.");
            }

            return root.GetProperty("ok").GetBoolean()
                ? new OracleReply(root.GetProperty("result").Clone(), null, false)
                : new OracleReply(default, root.GetProperty("error").GetString() ?? "(no message)", false);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or System.Collections.Generic.KeyNotFoundException)
        {
            throw new SymbolicOracleException($"The SymPy oracle wrote a malformed response: '{line}'.", e);
        }
    }

    /// <summary>The result; throws with <paramref name="what"/> in the message when the request failed or timed out.</summary>
    public JsonElement Expect(string what, TimeSpan timeout)
    {
        if (TimedOut)
        {
            throw new SymbolicOracleException($"SymPy did not finish {what} within {timeout.TotalSeconds:0.#} s; the process was restarted.");
        }

        if (_error is not null)
        {
            throw new SymbolicOracleException($"SymPy failed {what}: {_error}");
        }

        return _result;
    }
}
