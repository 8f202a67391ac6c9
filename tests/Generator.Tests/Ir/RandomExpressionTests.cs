using System;
using System.Collections.Generic;
using NeuralOdeGen.Generator.Ir;

namespace NeuralOdeGen.Generator.Tests.Ir;

/// <summary>
/// Property test over a few hundred random expressions built as raw IR: simplification keeps the value, and the
/// symbolic derivative agrees with forward-mode dual numbers evaluated over the unsimplified expression.
/// </summary>
public sealed class RandomExpressionTests
{
    private const int Expressions = 300;

    [Fact]
    public void RandomExpression_SimplifiedAndDifferentiated_AgreesWithDualNumbersOnTheRawExpression()
    {
        var random = new Random(20261128);
        int checkedValues = 0;
        for (int n = 0; n < Expressions; n++)
        {
            var raw = new ExprGraph();
            int root = Build(raw, random, depth: 4);
            var simplifier = new Simplifier(new ExprGraph());
            int[] lowered = Lowering.Lower(
                new BodyIr(raw.ToArray(), EquatableArray<LocalDeclaration>.Empty, new EquatableArray<int>(new[] { root })),
                simplifier);
            int[] variables = { simplifier.Leaf(NodeKind.State, 0), simplifier.Leaf(NodeKind.State, 1), simplifier.Leaf(NodeKind.Parameter, 0) };
            int[] derivatives = Array.ConvertAll(variables, v => new Differentiator(simplifier, v).Derive(lowered[0]));

            double[] x = { 0.3 + (1.2 * random.NextDouble()), 0.3 + (1.2 * random.NextDouble()) };
            double[] p = { 0.3 + (1.2 * random.NextDouble()) };
            double value = IrEvaluator.Evaluate(raw, root, x, p);
            if (!double.IsFinite(value) || Math.Abs(value) > 1e6)
            {
                continue;
            }

            // Reassociation and folding change rounding only: a few ulps of the largest intermediate.
            Assert.Equal(value, IrEvaluator.Evaluate(simplifier.Graph, lowered[0], x, p), 1e-9 * (1 + Math.Abs(value)));
            for (int v = 0; v < variables.Length; v++)
            {
                double expected = DualEvaluate(raw, root, x, p, v).Derivative;
                double actual = IrEvaluator.Evaluate(simplifier.Graph, derivatives[v], x, p);
                Assert.True(
                    Math.Abs(expected - actual) <= 1e-8 * (1 + Math.Abs(expected)),
                    $"expression #{n}, variable {v}: dual {expected:R}, symbolic {actual:R}");
            }

            checkedValues++;
        }

        // Most random expressions are finite and moderate at these points; a low count would mean the test is vacuous.
        Assert.True(checkedValues > Expressions * 3 / 4, $"only {checkedValues} of {Expressions} expressions were checked");
    }

    private static int Build(ExprGraph g, Random random, int depth)
    {
        if (depth == 0 || random.NextDouble() < 0.15)
        {
            return random.Next(4) switch
            {
                0 => g.Intern(Node.Leaf(NodeKind.State, 0)),
                1 => g.Intern(Node.Leaf(NodeKind.State, 1)),
                2 => g.Intern(Node.Leaf(NodeKind.Parameter, 0)),
                _ => g.Constant(Math.Round((random.NextDouble() * 4) - 2, 1)),
            };
        }

        int A() => Build(g, random, depth - 1);
        int Positive(int e) => g.Intern(Node.Binary(NodeKind.Add, g.Constant(1.0), g.Intern(Node.Binary(NodeKind.Multiply, e, e))));
        int Unary(NodeKind kind, int e) => g.Intern(Node.Unary(kind, e));
        int Binary(NodeKind kind, int a, int b) => g.Intern(Node.Binary(kind, a, b));
        return random.Next(18) switch
        {
            0 => Binary(NodeKind.Add, A(), A()),
            1 => Binary(NodeKind.Subtract, A(), A()),
            2 => Binary(NodeKind.Multiply, A(), A()),
            3 => Binary(NodeKind.Divide, A(), Positive(A())),
            4 => Unary(NodeKind.Negate, A()),
            5 => Unary(NodeKind.Exp, Unary(NodeKind.Tanh, A())),
            6 => Unary(NodeKind.Log, Positive(A())),
            7 => Unary(NodeKind.Sqrt, Positive(A())),
            8 => Unary(NodeKind.Sin, A()),
            9 => Unary(NodeKind.Cos, A()),
            10 => Unary(NodeKind.Atan, A()),
            11 => Unary(NodeKind.Abs, A()),
            12 => Binary(NodeKind.Max, A(), A()),
            13 => Binary(NodeKind.Min, A(), A()),
            14 => Binary(NodeKind.Pow, Positive(A()), g.Constant(new[] { 2.0, 3.0, 0.5, -1.0, 1.5 }[random.Next(5)])),
            15 => Binary(NodeKind.Pow, Positive(A()), Unary(NodeKind.Sin, A())),
            16 => Unary(NodeKind.Tanh, Unary(NodeKind.Sinh, Unary(NodeKind.Cos, A()))),
            _ => g.Intern(Node.Conditional(Binary(random.Next(2) == 0 ? NodeKind.Greater : NodeKind.LessOrEqual, A(), A()), A(), A())),
        };
    }

    /// <summary>Forward mode over the raw graph with the runtime's own <see cref="Dual"/>, seeding variable <paramref name="v"/>.</summary>
    private static Dual DualEvaluate(ExprGraph g, int root, double[] x, double[] p, int v)
    {
        var values = new Dictionary<int, Dual>();
        Dual Eval(int id)
        {
            if (values.TryGetValue(id, out Dual cached))
            {
                return cached;
            }

            Node node = g[id];
            Dual result = node.Kind switch
            {
                NodeKind.Constant => Dual.Constant(node.Value),
                NodeKind.State => new Dual(x[node.A], v == node.A ? 1.0 : 0.0),
                NodeKind.Parameter => new Dual(p[node.A], v == 2 ? 1.0 : 0.0),
                NodeKind.Negate => -Eval(node.A),
                NodeKind.Exp => Dual.Exp(Eval(node.A)),
                NodeKind.Log => Dual.Log(Eval(node.A)),
                NodeKind.Sqrt => Dual.Sqrt(Eval(node.A)),
                NodeKind.Sin => Dual.Sin(Eval(node.A)),
                NodeKind.Cos => Dual.Cos(Eval(node.A)),
                NodeKind.Tanh => Dual.Tanh(Eval(node.A)),
                NodeKind.Sinh => Dual.Sinh(Eval(node.A)),
                NodeKind.Atan => Dual.Atan(Eval(node.A)),
                NodeKind.Abs => Dual.Abs(Eval(node.A)),
                NodeKind.Add => Eval(node.A) + Eval(node.B),
                NodeKind.Subtract => Eval(node.A) - Eval(node.B),
                NodeKind.Multiply => Eval(node.A) * Eval(node.B),
                NodeKind.Divide => Eval(node.A) / Eval(node.B),
                NodeKind.Pow => Dual.Pow(Eval(node.A), Eval(node.B)),
                NodeKind.Max => Dual.Max(Eval(node.A), Eval(node.B)),
                NodeKind.Min => Dual.Min(Eval(node.A), Eval(node.B)),
                NodeKind.Conditional => Condition(g[node.A]) ? Eval(node.B) : Eval(node.C),
                _ => throw new InvalidOperationException($"Unexpected {node.Kind}."),
            };
            values[id] = result;
            return result;
        }

        bool Condition(Node comparison) => comparison.Kind == NodeKind.Greater
            ? Eval(comparison.A).Value > Eval(comparison.B).Value
            : Eval(comparison.A).Value <= Eval(comparison.B).Value;

        return Eval(root);
    }
}
