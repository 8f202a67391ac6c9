using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace NeuralOdeGen.Verification;

/// <summary>One comparison of a generated event member with an independent reference.</summary>
/// <param name="Event">The event's name.</param>
/// <param name="Entry">What is compared, e.g. <c>∂g/∂h</c> or <c>J·d[1]</c>.</param>
/// <param name="Path">The reference: <c>sympy</c>, <c>dual</c>, <c>fd</c> (central differences) or <c>transpose</c>.</param>
/// <param name="Generated">The generated member's value (the worst point).</param>
/// <param name="Reference">The reference value there.</param>
/// <param name="Passed">Whether every point agreed within the path's tolerance.</param>
public sealed record EventCheck(string Event, string Entry, string Path, double Generated, double Reference, bool Passed);

/// <summary>The outcome of <see cref="EventVerifier.Verify{TModel}"/>: every check, and whether all passed.</summary>
/// <param name="Model">The model's name.</param>
/// <param name="Checks">Every comparison.</param>
public sealed record EventVerificationReport(string Model, IReadOnlyList<EventCheck> Checks)
{
    /// <summary>Gets a value indicating whether every check passed.</summary>
    public bool Passed => Checks.All(static c => c.Passed);

    /// <summary>Gets the checks that failed.</summary>
    public IEnumerable<EventCheck> Failures => Checks.Where(static c => !c.Passed);

    /// <summary>A table of the checks, failures first.</summary>
    public string ToText()
    {
        var builder = new StringBuilder();
        builder.Append(CultureInfo.InvariantCulture, $"{Model} events: {(Passed ? "PASSED" : "FAILED")} ({Checks.Count} checks)").AppendLine();
        foreach (EventCheck check in Checks.OrderBy(static c => c.Passed))
        {
            builder.Append(CultureInfo.InvariantCulture, $"  {(check.Passed ? "ok  " : "FAIL")} {check.Event} {check.Entry} vs {check.Path}: {check.Generated:R} / {check.Reference:R}").AppendLine();
        }

        return builder.ToString();
    }
}

/// <summary>
/// Checks a model's generated events like <see cref="ModelVerifier"/> checks its dynamics: SymPy parses
/// <see cref="EventInfo.Function"/> and <see cref="EventInfo.Jump"/>, differentiates them by every state, parameter and
/// the time, and its values are compared with <c>EvaluateEvents</c>, <c>EventGradient</c>, <c>ApplyJump</c> and both
/// jump products at random points; the dual-number members and central differences are checked against the same
/// members, and the two jump products against each other (vᵀ(J·d) = (vᵀJ)·d).
/// </summary>
public sealed partial class EventVerifier
{
    // SymPy and the generated code evaluate the same expression in a different order: agreement to ~1e-12 relative;
    // 1e-9 leaves room for cancellation in sums of a few O(1) terms.
    private const double SymbolicTolerance = 1e-9;

    // Dual numbers propagate the same derivative rules in the user's operation order: a few ulps.
    private const double DualTolerance = 1e-10;

    // Central differences, step 1e-6 on O(1) values: truncation ~1e-12·|f'''|, rounding ~1e-10.
    private const double FiniteDifferenceTolerance = 1e-6;
    private const double Step = 1e-6;

    private static readonly HashSet<string> SymPyWords = new(StringComparer.Ordinal) { "pi", "E", "oo", "nan", "zoo", "I", "True", "False" };

    private readonly ISymbolicOracle _oracle;
    private readonly VerificationOptions _options;

    /// <summary>Creates a verifier that uses <paramref name="oracle"/> (not owned: the caller disposes it).</summary>
    public EventVerifier(ISymbolicOracle oracle, VerificationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(oracle);
        _oracle = oracle;
        _options = options ?? new VerificationOptions();
    }

    /// <summary>Verifies every event of <typeparamref name="TModel"/>.</summary>
    public EventVerificationReport Verify<TModel>()
        where TModel : IOdeModel<TModel>, IOdeEvents<TModel>
    {
        OdeModelInfo info = TModel.Info;
        int n = TModel.StateCount, m = TModel.ParameterCount;
        var checks = new List<EventCheck>();
        var random = new Random(_options.Seed);
        var points = new List<(double T, double[] X, double[] P)>();
        for (int i = 0; i < _options.PointCount; i++)
        {
            points.Add((
                Uniform(random, _options.TimeMinimum, _options.TimeMaximum),
                Enumerable.Range(0, n).Select(_ => Uniform(random, _options.StateMinimum, _options.StateMaximum)).ToArray(),
                Enumerable.Range(0, m).Select(_ => Uniform(random, _options.ParameterMinimum, _options.ParameterMaximum)).ToArray()));
        }

        List<string> stateSymbols = info.StateNames.Select(SymPyOracle.SymbolName).ToList();
        List<string> parameterSymbols = info.ParameterNames.Select(SymPyOracle.SymbolName).ToList();
        for (int e = 0; e < TModel.EventCount; e++)
        {
            EventInfo ev = TModel.Events[e];
            string time = info.TimeName ?? TimeSymbol(ev, stateSymbols, parameterSymbols) ?? "t";
            var names = new List<string>(stateSymbols);
            names.AddRange(parameterSymbols);
            names.Add(time);
            var variables = new List<(string Name, string Label)>();
            variables.AddRange(stateSymbols.Select(s => (s, s)));
            variables.AddRange(parameterSymbols.Select(s => (s, s)));
            variables.Add((time, "t"));
            IReadOnlyList<IReadOnlyList<double>> at = points.Select(p => (IReadOnlyList<double>)p.X.Concat(p.P).Append(p.T).ToArray()).ToList();

            // g and its gradient: SymPy's own derivatives against EventGradient; duals and differences too.
            var expressions = new List<string> { ev.Function };
            expressions.AddRange(variables.Select(v => _oracle.Differentiate(ev.Function, names, v.Name)));
            IReadOnlyList<IReadOnlyList<double>> sympy = _oracle.Evaluate(expressions, names, at);
            var gradient = new Accumulator[n + m + 2];
            for (int k = 0; k < gradient.Length; k++)
            {
                gradient[k] = new Accumulator(k == 0 ? "g" : $"∂g/∂{variables[k - 1].Label}");
            }

            var dual = new Accumulator[n + m + 1];
            var difference = new Accumulator[n + m + 1];
            for (int k = 0; k < dual.Length; k++)
            {
                dual[k] = new Accumulator($"∂g/∂{variables[k].Label}");
                difference[k] = new Accumulator($"∂g/∂{variables[k].Label}");
            }

            for (int i = 0; i < points.Count; i++)
            {
                (double t, double[] x, double[] p) = points[i];
                double[] generated = Gradient<TModel>(e, t, x, p);
                gradient[0].Add(Event<TModel>(e, t, x, p), sympy[i][0], SymbolicTolerance);
                for (int k = 0; k < n + m + 1; k++)
                {
                    gradient[k + 1].Add(generated[k], sympy[i][k + 1], SymbolicTolerance);
                    double[] direction = new double[n + m + 1];
                    direction[k] = 1.0;
                    dual[k].Add(generated[k], EventDual<TModel>(e, t, x, p, direction), DualTolerance);
                    difference[k].Add(generated[k], Central(h => Event<TModel>(e, t + (h * direction[n + m]), Move(x, h, direction, 0), Move(p, h, direction, n))), FiniteDifferenceTolerance);
                }
            }

            checks.AddRange(gradient.Select(a => a.ToCheck(ev.Name, "sympy")));
            checks.AddRange(dual.Select(a => a.ToCheck(ev.Name, "dual")));
            checks.AddRange(difference.Select(a => a.ToCheck(ev.Name, "fd")));
            if (ev.HasJump)
            {
                checks.AddRange(VerifyJump<TModel>(e, ev, names, variables.Count, at, points, random));
            }
        }

        return new EventVerificationReport(info.Name, checks);
    }

    private List<EventCheck> VerifyJump<TModel>(
        int e, EventInfo ev, List<string> names, int variableCount, IReadOnlyList<IReadOnlyList<double>> at, List<(double T, double[] X, double[] P)> points, Random random)
        where TModel : IOdeModel<TModel>, IOdeEvents<TModel>
    {
        int n = TModel.StateCount, m = TModel.ParameterCount;

        // The jump's Jacobian by SymPy: ∂J_i/∂(x, p, t), row-major, after the jump's own components.
        var expressions = new List<string>(ev.Jump);
        foreach (string component in ev.Jump)
        {
            expressions.AddRange(names.Select(name => _oracle.Differentiate(component, names, name)));
        }

        IReadOnlyList<IReadOnlyList<double>> sympy = _oracle.Evaluate(expressions, names, at);
        var value = new Accumulator("J");
        var jvp = new Accumulator("J·d");
        var vjp = new Accumulator("vᵀJ");
        var dual = new Accumulator("J·d");
        var difference = new Accumulator("J·d");
        var transpose = new Accumulator("vᵀ(J·d)");
        for (int i = 0; i < points.Count; i++)
        {
            (double t, double[] x, double[] p) = points[i];
            double[] d = Enumerable.Range(0, variableCount).Select(_ => Uniform(random, -1, 1)).ToArray();
            double[] v = Enumerable.Range(0, n).Select(_ => Uniform(random, -1, 1)).ToArray();
            double[] applied = new double[n];
            TModel.ApplyJump(e, t, x, p, applied);
            double[] product = new double[n];
            TModel.JumpJacobianVectorProduct(e, t, x, p, d[n + m], d.AsSpan(0, n), d.AsSpan(n, m), product);
            double[] vjx = new double[n], vjpp = new double[m];
            double vjt = TModel.JumpVectorJacobianProduct(e, t, x, p, v, vjx, vjpp);
            double[] cotangent = vjx.Concat(vjpp).Append(vjt).ToArray();
            double[] dualProduct = JumpDual<TModel>(e, t, x, p, d);
            for (int r = 0; r < n; r++)
            {
                value.Add(applied[r], sympy[i][r], SymbolicTolerance);
                double reference = 0.0;
                for (int c = 0; c < variableCount; c++)
                {
                    reference += sympy[i][n + (r * variableCount) + c] * d[c];
                }

                jvp.Add(product[r], reference, SymbolicTolerance);
                dual.Add(product[r], dualProduct[r], DualTolerance);
                int row = r;
                difference.Add(product[r], Central(h => Jump<TModel>(e, t + (h * d[n + m]), Move(x, h, d, 0), Move(p, h, d, n))[row]), FiniteDifferenceTolerance);
            }

            for (int c = 0; c < variableCount; c++)
            {
                double reference = 0.0;
                for (int r = 0; r < n; r++)
                {
                    reference += v[r] * sympy[i][n + (r * variableCount) + c];
                }

                vjp.Add(cotangent[c], reference, SymbolicTolerance);
            }

            transpose.Add(v.Select((vr, r) => vr * product[r]).Sum(), cotangent.Select((cc, c) => cc * d[c]).Sum(), SymbolicTolerance);
        }

        return
        [
            value.ToCheck(ev.Name, "sympy"), jvp.ToCheck(ev.Name, "sympy"), vjp.ToCheck(ev.Name, "sympy"),
            dual.ToCheck(ev.Name, "dual"), difference.ToCheck(ev.Name, "fd"), transpose.ToCheck(ev.Name, "transpose"),
        ];
    }

    /// <summary>
    /// The time symbol of an event of a model without a [Time] parameter: the name in its forms that is neither a state,
    /// a parameter, a function nor a SymPy constant (null when the forms do not use the time).
    /// </summary>
    private static string? TimeSymbol(EventInfo ev, List<string> states, List<string> parameters)
    {
        foreach (string form in ev.Jump.Prepend(ev.Function))
        {
            foreach (Match match in Identifier().Matches(form))
            {
                string name = match.Groups[1].Value;
                if (!states.Contains(name) && !parameters.Contains(name) && !SymPyWords.Contains(name))
                {
                    return name;
                }
            }
        }

        return null;
    }

    [GeneratedRegex(@"\b([A-Za-z_][A-Za-z_0-9]*)\b(?!\s*\()")]
    private static partial Regex Identifier();

    private static double[] Gradient<TModel>(int e, double t, double[] x, double[] p)
        where TModel : IOdeModel<TModel>, IOdeEvents<TModel>
    {
        double[] gx = new double[x.Length], gp = new double[p.Length];
        double gt = TModel.EventGradient(e, t, x, p, gx, gp);
        return gx.Concat(gp).Append(gt).ToArray();
    }

    private static double Event<TModel>(int e, double t, double[] x, double[] p)
        where TModel : IOdeModel<TModel>, IOdeEvents<TModel>
    {
        double[] values = new double[TModel.EventCount];
        TModel.EvaluateEvents(t, x, p, values);
        return values[e];
    }

    private static double[] Jump<TModel>(int e, double t, double[] x, double[] p)
        where TModel : IOdeModel<TModel>, IOdeEvents<TModel>
    {
        double[] plus = new double[x.Length];
        TModel.ApplyJump(e, t, x, p, plus);
        return plus;
    }

    /// <summary>The derivative of g along <paramref name="d"/> (states, parameters, time) by dual numbers.</summary>
    private static double EventDual<TModel>(int e, double t, double[] x, double[] p, double[] d)
        where TModel : IOdeModel<TModel>, IOdeEvents<TModel>
    {
        var values = new Dual[TModel.EventCount];
        TModel.EvaluateEventsDual(new Dual(t, d[x.Length + p.Length]), Duals(x, d, 0), Duals(p, d, x.Length), values);
        return values[e].Derivative;
    }

    private static double[] JumpDual<TModel>(int e, double t, double[] x, double[] p, double[] d)
        where TModel : IOdeModel<TModel>, IOdeEvents<TModel>
    {
        var plus = new Dual[x.Length];
        TModel.ApplyJumpDual(e, new Dual(t, d[x.Length + p.Length]), Duals(x, d, 0), Duals(p, d, x.Length), plus);
        return plus.Select(static v => v.Derivative).ToArray();
    }

    private static Dual[] Duals(double[] values, double[] direction, int offset) =>
        values.Select((value, i) => new Dual(value, direction[offset + i])).ToArray();

    private static double[] Move(double[] values, double h, double[] direction, int offset) =>
        values.Select((value, i) => value + (h * direction[offset + i])).ToArray();

    private static double Central(Func<double, double> f) => (f(Step) - f(-Step)) / (2 * Step);

    private static double Uniform(Random random, double minimum, double maximum) => minimum + ((maximum - minimum) * random.NextDouble());

    /// <summary>The worst relative disagreement of one entry over the points.</summary>
    private sealed class Accumulator(string entry)
    {
        private double _worst = -1.0;
        private double _generated;
        private double _reference;
        private bool _passed = true;

        public void Add(double generated, double reference, double tolerance)
        {
            double error = Math.Abs(generated - reference) / (1.0 + Math.Abs(reference));
            bool passed = error <= tolerance;
            if ((!passed && _passed) || (passed == _passed && error > _worst) || double.IsNaN(error))
            {
                _worst = double.IsNaN(error) ? double.PositiveInfinity : error;
                _generated = generated;
                _reference = reference;
            }

            _passed &= passed;
        }

        public EventCheck ToCheck(string eventName, string path) => new(eventName, entry, path, _generated, _reference, _passed);
    }
}
