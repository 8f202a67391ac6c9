using System;
using NeuralOdeGen.Generator.Ir;

namespace NeuralOdeGen.Generator.Tests.Ir;

/// <summary>
/// Evaluates a graph node directly from the IR definitions (a test oracle independent of the emitters), with
/// states, parameters, time and seeds taken from the given arrays.
/// </summary>
internal static class IrEvaluator
{
    public static double Evaluate(ExprGraph graph, int id, double[] states, double[]? parameters = null, double time = 0.0, double[]? seeds = null)
    {
        Node node = graph[id];
        double A() => Evaluate(graph, node.A, states, parameters, time, seeds);
        double B() => Evaluate(graph, node.B, states, parameters, time, seeds);
        bool Cond(int operand) => Evaluate(graph, operand, states, parameters, time, seeds) != 0.0;
        return node.Kind switch
        {
            NodeKind.Constant => node.Value,
            NodeKind.BoolConstant => node.A,
            NodeKind.State => states[node.A],
            NodeKind.Parameter => parameters![node.A],
            NodeKind.Time => time,
            NodeKind.Seed => seeds![node.B],
            NodeKind.Negate => -A(),
            NodeKind.Exp => Math.Exp(A()),
            NodeKind.Log => Math.Log(A()),
            NodeKind.Sqrt => Math.Sqrt(A()),
            NodeKind.Sin => Math.Sin(A()),
            NodeKind.Cos => Math.Cos(A()),
            NodeKind.Tan => Math.Tan(A()),
            NodeKind.Tanh => Math.Tanh(A()),
            NodeKind.Sinh => Math.Sinh(A()),
            NodeKind.Cosh => Math.Cosh(A()),
            NodeKind.Atan => Math.Atan(A()),
            NodeKind.Abs => Math.Abs(A()),
            NodeKind.Sign => Math.Sign(A()),
            NodeKind.Not => Cond(node.A) ? 0.0 : 1.0,
            NodeKind.Add => A() + B(),
            NodeKind.Subtract => A() - B(),
            NodeKind.Multiply => A() * B(),
            NodeKind.Divide => A() / B(),
            NodeKind.Pow => Math.Pow(A(), B()),
            NodeKind.Max => Math.Max(A(), B()),
            NodeKind.Min => Math.Min(A(), B()),
            NodeKind.Less => A() < B() ? 1.0 : 0.0,
            NodeKind.LessOrEqual => A() <= B() ? 1.0 : 0.0,
            NodeKind.Greater => A() > B() ? 1.0 : 0.0,
            NodeKind.GreaterOrEqual => A() >= B() ? 1.0 : 0.0,
            NodeKind.Equal => A() == B() ? 1.0 : 0.0,
            NodeKind.NotEqual => A() != B() ? 1.0 : 0.0,
            NodeKind.And => Cond(node.A) && Cond(node.B) ? 1.0 : 0.0,
            NodeKind.Or => Cond(node.A) || Cond(node.B) ? 1.0 : 0.0,
            NodeKind.Conditional => Cond(node.A) ? B() : Evaluate(graph, node.C, states, parameters, time, seeds),
            _ => throw new ArgumentOutOfRangeException(nameof(id), node.Kind, "Not evaluable."),
        };
    }
}
