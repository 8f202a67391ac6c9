using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NeuralOdeGen.Generator.Tests.Infrastructure;

namespace NeuralOdeGen.Generator.Tests.Robustness;

/// <summary>Programmatically built inputs that a generator meets while a user is typing, or that it does not support.</summary>
internal static class MalformedInputs
{
    /// <summary>Expressions of every kind: unsupported, type-incorrect, valid-but-unusual, constants, calls.</summary>
    public static readonly string[] Expressions =
    [
        "x++", "(x = 2.0)", "x += a", "new double()", "\"abc\".Length", "Math.Round(x)", "Math.Floor(x)", "Math.Atan2(x, a)",
        "Math.Log(x, 2.0)", "Math.Max(1, 2)", "Math.Abs(-3)", "Math.Abs(x)", "MathF.Sin((float)x)", "(float)x", "(int)x",
        "checked(x * 2.0)", "unchecked(x + a)", "default(double)", "default", "sizeof(double)", "Math.PI * x", "double.MaxValue",
        "double.NaN", "System.Math.Sin(x)", "global::System.Math.Exp(x)", "Math.Pow(y: 2.0, x: x)", "Helper(x)", "Field", "Prop",
        "ConstInt", "ConstFloat * x", "Other.Scale * x", "((Func<double, double>)(z => z))(x)", "x is double ? 1.0 : 0.0",
        "nameof(x).Length", "x switch { > 0.0 => 1.0, _ => 0.0 }", "x % 2.0", "(x, a).Item1", "x > 0 ? 1 : 0", "-(-x)", "+x",
        "~1", "1 / 2", "1e308 * 1e308", "x / 0.0", "typeof(double).Name.Length", "x.CompareTo(a)", "double.Parse(\"1\")",
        "Math.Sqrt(x) is var q ? q : 0.0", "(x > a) == (a > x) ? x : a", "x > 0.0 && a > 0.0 ? x : a", "!(x > 0.0) ? x : -x",
        "x == a ? 1.0 : 2.0", "x != a ? x : 0.0", "(double)ConstInt", "new[] { x }[0]", "Math.Max(x, a)", "Math.Min(x, 1)",
        "Math.Clamp(x, 0.0, 1.0)", "Math.Exp(Math.Exp(Math.Exp(x)))", "x is > 0.0 and < 1.0 ? x : a", "(x > 0.0) ^ (a > 0.0) ? x : a",
        "x > 0.0 & a > 0.0 ? x : a", "x > 0.0 ? x > 1.0 ? 1.0 : x : a", "(double)(float)x", "Math.Sin(a: x)", "Math.Pow(x, a)",
        "Math.Pow(2, x)", "Math.Pow(x, 0.5)", "x * 1.5f", "x * 2m", "x * 3L", "x * 'c'", "Math.Tanh", "x ?? a",
        "this.GetHashCode()", "Gen<double>(x)", "Math.E", "float.Epsilon * x", "((x))", "x++ + a", "x!", "$\"{x}\".Length",
        "@a", "x is double d ? d : 0.0", "x < a < x", "Math.Cosh(x) / Math.Sinh(a)", "Math.Tan(Math.Atan(x))",
        "x > 0.0 ? Math.Log(x) : Math.Log(-x)", "Math.Max(Math.Min(x, a), -a)", "(x > 0.0 || a < 0.0) && !(x == 0.0) ? x : a",
        "x * x * x * x * x * x * x * x * x * x", "1.0 / (1.0 + Math.Exp(-x))", "x - x", "x * 0.0", "0.0 / x", "x > x ? 1.0 : 2.0",
        "Unknown(x)", "undefinedName * x", "x.", "Math.", "(x", "x +", "a ?", "x > 0.0 ? x", "Math.Sin(x,", "new", "=> x",
    ];

    /// <summary>Statements placed before the return of a block body.</summary>
    public static readonly string[] Statements =
    [
        "for (int i = 0; i < 3; i++) { }", "while (false) { }", "do { } while (false);", "if (x > 0.0) { return x; }",
        "x = 1.0;", "double y = 1.0; y = 2.0;", "double y; y = x;", "double y = 1.0, z = 2.0;", "var y = x;", "int k = 3;",
        "const double k = 2.0;", "throw new Exception();", "Console.WriteLine(x);", ";", "{ }", "double Sq(double q) => q * q;",
        "try { } finally { }", "x += 1.0;", "x++;", "lock (typeof(Model)) { }", "foreach (var c in \"ab\") { }", "goto end; end:;",
        "checked { }", "switch (x) { default: break; }", "double y = x; double y = a;", "Func<double> f = () => x;",
        "double[] arr = new double[1];", "(double u, double v) = (x, a);", "var (u, v) = (x, a);", "double u = x > 0.0 ? x : a;",
        "double s = x, s2 = s * s;", "x.ToString();", "_ = x;", "double y = y0;", "bool positive = x > 0.0;", "float f = 1.5f;",
        "double y = x; y++;", "return x;", "return;", "double y = Math.Round(x);", "double a = x;", "double Model = x;",
    ];

    public static IEnumerable<(string Name, string Source)> UnsupportedExpressions()
    {
        foreach (string e in Expressions)
        {
            yield return ($"scalar: {e}", Model($"public static double Rhs(double x, [Param] double a) => {e};"));
            yield return ($"tuple: {e}", Model($"public static (double X, double Y) Rhs(double x, double y, [Param] double a) => (x * a, {e});"));
            yield return ($"block, nested in a call: {e}", Model($"public static double Rhs([Time] double t, double x, [Param] double a)\n    {{\n        double s = Math.Exp(a * ({e}));\n        return s * a - t;\n    }}"));
        }
    }

    public static IEnumerable<(string Name, string Source)> UnsupportedStatements()
    {
        foreach (string s in Statements)
        {
            yield return ($"first: {s}", Model($"public static double Rhs(double x, [Param] double a)\n    {{\n        {s}\n        return x * a;\n    }}"));
            yield return ($"after local: {s}", Model($"public static double Rhs(double x, [Param] double a)\n    {{\n        double s0 = x * a;\n        {s}\n        return s0;\n    }}"));
        }
    }

    /// <summary>Containing declarations and method forms off the beaten path.</summary>
    public static IEnumerable<(string Name, string Source)> UnusualDeclarations()
    {
        const string Usings = "using System;\nusing NeuralOdeGen;\n\nnamespace Demo;\n\n";
        string[] declarations =
        [
            "public partial interface IModel\n{\n    [Dynamics]\n    static double Rhs(double x) => -x;\n}\n",
            "file partial struct Model\n{\n    [Dynamics]\n    public static double Rhs(double x) => -x;\n}\n",
            "public abstract partial class Model\n{\n    [Dynamics]\n    public abstract double Rhs(double x);\n}\n",
            "public partial struct Model\n{\n    [Dynamics]\n    public static extern double Rhs(double x);\n}\n",
            "public partial struct Model\n{\n    [Dynamics]\n    public static partial double Rhs(double x);\n\n    public static partial double Rhs(double x) => -x;\n}\n",
            "public partial struct Model\n{\n    public static double Outer(double y)\n    {\n        [Dynamics]\n        static double Rhs(double x) => -x;\n\n        return Rhs(y);\n    }\n}\n",
            "public partial struct Model\n{\n    [Dynamics]\n    public static double Rhs(double x) { return -x; }\n\n    [Dynamics]\n    public static double Rhs(double x, double y) => x;\n}\n",
            "public partial struct Model\n{\n    [Dynamics]\n    [Dynamics]\n    public static double Rhs(double x) => -x;\n}\n",
            "public partial struct Model\n{\n    [Dynamics]\n    public static double Rhs([Param][Param] double a, double x) => a * x;\n}\n",
            "public partial struct Model\n{\n    [Dynamics]\n    public static double Rhs(double x) => -x;\n}\n\npublic partial struct Model\n{\n    public static double Other(double y) => y;\n}\n",
            "public partial struct Model\n{\n    [Dynamics]\n    public static double Rhs(this double x) => -x;\n}\n",
            "public static partial class Extensions\n{\n    public partial struct Model\n    {\n        [Dynamics]\n        public static double Rhs(double x) => -x;\n    }\n}\n",
            "public partial struct Model\n{\n    [Dynamics]\n    public static double Rhs(double x) => throw new NotSupportedException();\n}\n",
            "public partial struct Model\n{\n    [Dynamics]\n    public static double Rhs(double x) { }\n}\n",
            "public partial struct Model\n{\n    [Dynamics]\n    public static double Rhs(double x);\n}\n",
            "public partial struct Model\n{\n    [Dynamics]\n    public static unsafe double Rhs(double x) => -x;\n}\n",
            "public partial struct Model\n{\n    [Dynamics]\n    public static async System.Threading.Tasks.Task<double> Rhs(double x) => -x;\n}\n",
            "public partial struct Model\n{\n    [Dynamics]\n    public static ref double Rhs(double x) => throw null!;\n}\n",
            "public partial struct Model : IOdeModel<Model>\n{\n    [Dynamics]\n    public static double Rhs(double x) => -x;\n}\n",
        ];
        for (int i = 0; i < declarations.Length; i++)
        {
            yield return ($"declaration {i}", Usings + declarations[i]);
        }
    }

    /// <summary>Each example model with one token deleted, at seeded random positions.</summary>
    public static IEnumerable<(string Name, string Source)> TokenDeletions(int perModel, int seed)
    {
        var random = new Random(seed);
        foreach (string path in ModelFiles())
        {
            string text = File.ReadAllText(path);
            SyntaxToken[] tokens = CSharpSyntaxTree.ParseText(text).GetRoot().DescendantTokens().Where(t => t.Span.Length > 0).ToArray();
            foreach (int index in Enumerable.Range(0, perModel).Select(_ => random.Next(tokens.Length)).Distinct())
            {
                SyntaxToken token = tokens[index];
                yield return ($"{Path.GetFileName(path)} without token {index} '{token.Text}'", text.Remove(token.SpanStart, token.Span.Length));
            }
        }
    }

    /// <summary>Each example model cut off at seeded random positions, as while typing.</summary>
    public static IEnumerable<(string Name, string Source)> Truncations(int perModel, int seed)
    {
        var random = new Random(seed);
        foreach (string path in ModelFiles())
        {
            string text = File.ReadAllText(path);
            for (int i = 0; i < perModel; i++)
            {
                int length = random.Next(text.Length);
                yield return ($"{Path.GetFileName(path)} cut at {length}", text[..length]);
            }
        }
    }

    private static string[] ModelFiles() =>
        Directory.GetFiles(Path.Combine(SourceTree.ProjectDirectory, "Models"), "*.cs").Order(StringComparer.Ordinal).ToArray();

    private static string Model(string method) => $$"""
        using System;
        using NeuralOdeGen;

        namespace Demo;

        public static class Other
        {
            public const double Scale = 2.5;
        }

        public partial struct Model
        {
            private const int ConstInt = 3;
            private const float ConstFloat = 0.5f;
            private static double Field = 1.0;

            private static double Prop => 2.0;

            [Dynamics]
            {{method}}

            private static double Helper(double v) => v;

            private static T Gen<T>(T v) => v;
        }
        """;
}
