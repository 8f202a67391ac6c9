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
        var drawn = new HashSet<string>(StringComparer.Ordinal);
        for (int n = 0; n < Expressions; n++)
        {
            var raw = new ExprGraph();
            int root = Build(raw, random, depth: 4);
            for (int id = 0; id < raw.Count; id++)
            {
                if (raw[id].Kind == NodeKind.Call)
                {
                    drawn.Add(raw[id].Function.Name);
                }
            }

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

        // Every row of the function table was drawn (in expressions that may or may not have been finite).
        Assert.All(Functions.All, function => Assert.Contains(function.Name, drawn));
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
        int Unary(BuiltinFunction function, int e) => g.Intern(Node.Call(function, e));
        int Binary(NodeKind kind, int a, int b) => g.Intern(Node.Binary(kind, a, b));
        int Call(BuiltinFunction function, int a, int b) => g.Intern(Node.Call(function, a, b));
        return random.Next(20) switch
        {
            0 => Binary(NodeKind.Add, A(), A()),
            1 => Binary(NodeKind.Subtract, A(), A()),
            2 => Binary(NodeKind.Multiply, A(), A()),
            3 => Binary(NodeKind.Divide, A(), Positive(A())),
            4 => g.Intern(Node.Unary(NodeKind.Negate, A())),
            5 => Unary(Functions.Named("Exp"), Unary(Functions.Named("Tanh"), A())),
            6 => Unary(Functions.Named("Log"), Positive(A())),
            7 => Unary(Functions.Named("Sqrt"), Positive(A())),
            8 => Unary(Functions.Named("Sin"), A()),
            9 => Unary(Functions.Named("Cos"), A()),
            10 => Unary(Functions.Named("Atan"), A()),
            11 => Unary(Functions.Named("Abs"), A()),
            12 => Call(Functions.Named("Max"), A(), A()),
            13 => Call(Functions.Named("Min"), A(), A()),
            14 => Call(Functions.Named("Pow"), Positive(A()), g.Constant(new[] { 2.0, 3.0, 0.5, -1.0, 1.5 }[random.Next(5)])),
            15 => Call(Functions.Named("Pow"), Positive(A()), Unary(Functions.Named("Sin"), A())),
            16 => Unary(Functions.Named("Tanh"), Unary(Functions.Named("Sinh"), Unary(Functions.Named("Cos"), A()))),
            17 or 18 => FunctionDomains.Call(g, Functions.All[random.Next(Functions.All.Length)], A),
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
                NodeKind.Add => Eval(node.A) + Eval(node.B),
                NodeKind.Subtract => Eval(node.A) - Eval(node.B),
                NodeKind.Multiply => Eval(node.A) * Eval(node.B),
                NodeKind.Divide => Eval(node.A) / Eval(node.B),
                NodeKind.Call => DualCall(node, Eval),
                NodeKind.Conditional => Condition(g[node.A]) ? Eval(node.B) : Eval(node.C),
                _ => throw new InvalidOperationException($"Unexpected {node.Kind}."),
            };
            values[id] = result;
            return result;
        }

        bool Condition(Node comparison) => comparison.Kind switch
        {
            NodeKind.Greater => Eval(comparison.A).Value > Eval(comparison.B).Value,
            NodeKind.Less => Eval(comparison.A).Value < Eval(comparison.B).Value,
            _ => Eval(comparison.A).Value <= Eval(comparison.B).Value,
        };

        return Eval(root);
    }

    /// <summary>A call evaluated by the runtime's <see cref="Dual"/> member of the row's name (every row has one: see FunctionTableCoverageTests).</summary>
    private static Dual DualCall(Node node, Func<int, Dual> eval)
    {
        BuiltinFunction function = node.Function;
        Type[] parameters = new Type[function.Arity];
        object[] arguments = new object[function.Arity];
        for (int k = 0; k < function.Arity; k++)
        {
            parameters[k] = typeof(Dual);
            arguments[k] = eval(node.Operand(k));
        }

        System.Reflection.MethodInfo method = typeof(Dual).GetMethod(function.Name, parameters)
            ?? throw new InvalidOperationException($"Dual has no {function.Name} with {function.Arity} Dual parameter(s).");
        return (Dual)method.Invoke(null, arguments)!;
    }
}
