using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace NeuralOdeGen.Generator.Tests.LoopPath;

/// <summary>
/// A random <c>[Dynamics]</c> program in the loop form of DESIGN §3a, drawn from one integer seed: a state block (and
/// maybe a scalar state, a time parameter and a scalar parameter), then two to five random stages — dense layers with
/// either weight layout, element-wise maps, scalar reductions, locals updated from themselves inside a loop, shifted
/// loops and loops with a step of 2 — and an output written into the <c>Span&lt;double&gt;</c>. Every width is at most
/// 5, so the same source also fits the unrolled path, which the loop path is compared against.
/// </summary>
/// <remarks>
/// Values stay bounded: inputs and weights are drawn from [−1, 1] by the tests, and every function applied is bounded or
/// guarded (tanh, sin, cos, <c>exp(−a²)</c>, <c>a / (1 + a²)</c>, <c>log(1 + a²)</c>, <c>sqrt(1 + a²)</c>).
/// </remarks>
internal sealed class RandomLoopProgram
{
    private static readonly Func<string, string>[] Activations =
    [
        a => $"Math.Tanh({a})",
        a => $"Math.Sin({a})",
        a => $"Math.Cos({a})",
        a => $"Math.Exp(-({a}) * ({a}))",
        a => $"({a}) / (1.0 + (({a}) * ({a})))",
        a => $"Math.Log(1.0 + (({a}) * ({a})))",
        a => $"Math.Sqrt(1.0 + (({a}) * ({a})))",
    ];

    private readonly Random _random;
    private readonly StringBuilder _body = new();
    private readonly List<string> _parameters = [];
    private readonly List<string> _scalars = [];
    private int _parameterCount;
    private int _names;

    private RandomLoopProgram(int seed, string typeName)
    {
        Seed = seed;
        TypeName = typeName;
        _random = new Random(seed);
        Build();
    }

    /// <summary>Gets the seed the program was drawn from.</summary>
    public int Seed { get; }

    /// <summary>Gets the name of the program's partial struct (in namespace <c>Demo</c>).</summary>
    public string TypeName { get; }

    /// <summary>Gets the number of states <c>n</c>.</summary>
    public int StateCount { get; private set; }

    /// <summary>Gets the number of parameters <c>m</c>.</summary>
    public int ParameterCount => _parameterCount;

    /// <summary>Gets the declaration of the partial struct (no usings or namespace: see <see cref="CompilationUnit"/>).</summary>
    public string Declaration { get; private set; } = string.Empty;

    /// <summary>Draws the program of <paramref name="seed"/> as the struct <paramref name="typeName"/>.</summary>
    public static RandomLoopProgram Draw(int seed, string typeName = "Loop") => new(seed, typeName);

    /// <summary>A compilation unit holding every program of <paramref name="programs"/>, each as its own type in namespace <c>Demo</c>.</summary>
    public static string CompilationUnit(IEnumerable<RandomLoopProgram> programs) =>
        "using System;\nusing NeuralOdeGen;\n\nnamespace Demo;\n\n" + string.Join("\n", programs.Select(p => p.Declaration));

    private void Build()
    {
        int width = _random.Next(1, 5);
        bool scalarState = _random.Next(3) == 0;
        bool time = _random.Next(2) == 0;
        bool scalarParameter = _random.Next(2) == 0;
        StateCount = width + (scalarState ? 1 : 0);

        var signature = new List<string> { $"[State({width})] ReadOnlySpan<double> x" };
        if (scalarState)
        {
            signature.Add("double u");
            _scalars.Add("u");
        }

        if (time)
        {
            signature.Add("[Time] double t");
            _scalars.Add("t");
        }

        signature.Add("Span<double> dxdt");
        if (scalarParameter)
        {
            _parameters.Add("[Param] double k");
            _parameterCount++;
            _scalars.Add("k");
        }

        // The current vector value: its name and width. The state block is read-only, so stages write new scratch spans.
        string current = "x";
        int stages = _random.Next(2, 6);
        for (int stage = 0; stage < stages; stage++)
        {
            int kind = _random.Next(current == "x" ? 3 : 5);
            current = kind switch
            {
                0 => Dense(current, ref width, _random.Next(1, 6)),
                1 => ElementWise(current, width),
                2 => Reduction(current, width),
                3 => InPlace(current, width),
                _ when width > 1 => Shifted(current, width),
                _ => ElementWise(current, width),
            };
        }

        Output(current, width, scalarState);
        signature.AddRange(_parameters);

        var text = new StringBuilder();
        text.Append("public partial struct ").Append(TypeName).Append("\n{\n    [Dynamics]\n    public static void Rhs(")
            .Append(string.Join(", ", signature)).Append(")\n    {\n").Append(_body).Append("    }\n}\n");
        Declaration = text.ToString();
    }

    private string Dense(string input, ref int width, int outputs)
    {
        string w = NewName("w");
        string b = NewName("b");
        string h = NewName("h");
        string s = NewName("s");
        AddBlock(w, width * outputs);
        bool withBias = _random.Next(3) != 0;
        if (withBias)
        {
            AddBlock(b, outputs);
        }

        // Either layout of the weight matrix: row-major over outputs (w[j·In + i]) or over inputs (w[i·Out + j]).
        string index = _random.Next(2) == 0 ? $"(j * {width}) + i" : $"(i * {outputs}) + j";
        string activation = Activation("s0");
        Line(1, $"Span<double> {h} = stackalloc double[{outputs}];");
        Line(1, $"for (int j = 0; j < {outputs}; j++)");
        Line(1, "{");
        Line(2, $"double {s} = {(withBias ? b + "[j]" : "0.0")};");
        Line(2, $"for (int i = 0; i < {width}; i++)");
        Line(2, "{");
        Line(3, $"{s} += {w}[{index}] * {Element(input, "i")};");
        Line(2, "}");
        Line(2, "");
        Line(2, $"{h}[j] = {activation.Replace("s0", s, StringComparison.Ordinal)};");
        Line(1, "}");
        Line(1, "");
        width = outputs;
        return h;
    }

    private string ElementWise(string input, int width)
    {
        string h = NewName("h");
        Line(1, $"Span<double> {h} = stackalloc double[{width}];");
        Line(1, $"for (int i = 0; i < {width}; i++)");
        Line(1, "{");
        Line(2, $"{h}[i] = {Expression(Element(input, "i"), depth: 2)};");
        Line(1, "}");
        Line(1, "");
        return h;
    }

    private string Reduction(string input, int width)
    {
        // A scalar local accumulated across a loop (taped by the loop path), read by later stages and the output.
        string r = NewName("r");
        string start = _random.Next(2) == 0 ? "0.0" : Constant();
        string op = _random.Next(3) == 0 ? "-=" : "+=";
        Line(1, $"double {r} = {start};");
        Line(1, $"for (int i = 0; i < {width}; i++)");
        Line(1, "{");
        Line(2, $"{r} {op} {Expression(Element(input, "i"), depth: 1)};");
        Line(1, "}");
        Line(1, "");
        _scalars.Add(r);
        return input;
    }

    private string InPlace(string input, int width)
    {
        // A local reassigned from itself inside the loop (taped by the loop path), over a loop that may step by 2 (then a
        // second loop from 1 copies the odd elements: every scratch element is written before it is read). The loop path keeps each scratch span written before it is read, so
        // the update goes into a new span rather than back into the input.
        string h = NewName("h");
        string a = NewName("a");
        string step = _random.Next(3) == 0 ? "i += 2" : "i++";
        string update = _random.Next(3) switch
        {
            0 => $"{a} = {a} * {Expression(a, depth: 1)};",
            1 => $"{a} += {Expression(a, depth: 1)};",
            _ => $"{a} -= {Scalar()} * {a};",
        };
        Line(1, $"Span<double> {h} = stackalloc double[{width}];");
        Line(1, $"for (int i = 0; i < {width}; {step})");
        Line(1, "{");
        Line(2, $"double {a} = {input}[i];");
        Line(2, update);
        Line(2, $"{h}[i] = {a};");
        Line(1, "}");
        Line(1, "");
        if (step != "i++" && width > 1)
        {
            Line(1, $"for (int i = 1; i < {width}; i += 2)");
            Line(1, "{");
            Line(2, $"{h}[i] = {input}[i];");
            Line(1, "}");
            Line(1, "");
        }

        return h;
    }

    private string Shifted(string input, int width)
    {
        // A loop from 1 reading the previous element (an affine index with an offset); element 0 is written first.
        string h = NewName("h");
        Line(1, $"Span<double> {h} = stackalloc double[{width}];");
        Line(1, $"{h}[0] = {Expression($"{input}[0]", depth: 1)};");
        Line(1, $"for (int i = 1; i < {width}; i++)");
        Line(1, "{");
        Line(2, $"{h}[i] = {input}[i] * {Activations[_random.Next(Activations.Length)]($"{input}[i - 1]")};");
        Line(1, "}");
        Line(1, "");
        return h;
    }

    private void Output(string current, int width, bool scalarState)
    {
        int states = StateCount - (scalarState ? 1 : 0);
        if (width != states)
        {
            current = Dense(current, ref width, states);
        }

        Line(1, $"for (int i = 0; i < {states}; i++)");
        Line(1, "{");
        string decay = _random.Next(2) == 0 ? $" - ({Constant()} * x[i])" : string.Empty;
        Line(2, $"dxdt[i] = {Expression($"{current}[i]", depth: 1)}{decay};");
        Line(1, "}");
        if (scalarState)
        {
            Line(1, "");
            Line(1, $"dxdt[{states}] = {Expression("u", depth: 1)} - ({Scalar()} * u);");
        }
    }

    private string Element(string input, string index) =>
        _random.Next(3) == 0 ? Activations[_random.Next(Activations.Length)]($"{input}[{index}]") : $"{input}[{index}]";

    private string Activation(string argument) => Activations[_random.Next(Activations.Length)](argument);

    /// <summary>A random expression of <paramref name="leaf"/>, the scalars in scope and constants.</summary>
    private string Expression(string leaf, int depth)
    {
        if (depth == 0)
        {
            return _random.Next(4) switch
            {
                0 => Scalar(),
                _ => leaf,
            };
        }

        return _random.Next(5) switch
        {
            0 => $"({Expression(leaf, depth - 1)} + {Expression(leaf, depth - 1)})",
            1 => $"({Expression(leaf, depth - 1)} - {Expression(leaf, depth - 1)})",
            2 => $"({Expression(leaf, depth - 1)} * {Expression(leaf, depth - 1)})",
            _ => Activation(Expression(leaf, depth - 1)),
        };
    }

    private string Scalar() => _scalars.Count == 0 || _random.Next(3) == 0 ? Constant() : _scalars[_random.Next(_scalars.Count)];

    private string Constant() => (Math.Round((_random.NextDouble() * 1.8) + 0.1, 2)).ToString("0.0#", CultureInfo.InvariantCulture);

    private void AddBlock(string name, int length)
    {
        _parameters.Add($"[Param({length})] ReadOnlySpan<double> {name}");
        _parameterCount += length;
    }

    private string NewName(string prefix) => prefix + (_names++).ToString(CultureInfo.InvariantCulture);

    private void Line(int indent, string text)
    {
        if (text.Length > 0)
        {
            _body.Append(' ', 4 * (indent + 1)).Append(text);
        }

        _body.Append('\n');
    }
}
