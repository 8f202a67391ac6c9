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
            NodeKind.Not => Cond(node.A) ? 0.0 : 1.0,
            NodeKind.Add => A() + B(),
            NodeKind.Subtract => A() - B(),
            NodeKind.Multiply => A() * B(),
            NodeKind.Divide => A() / B(),
            NodeKind.Less => A() < B() ? 1.0 : 0.0,
            NodeKind.LessOrEqual => A() <= B() ? 1.0 : 0.0,
            NodeKind.Greater => A() > B() ? 1.0 : 0.0,
            NodeKind.GreaterOrEqual => A() >= B() ? 1.0 : 0.0,
            NodeKind.Equal => A() == B() ? 1.0 : 0.0,
            NodeKind.NotEqual => A() != B() ? 1.0 : 0.0,
            NodeKind.And => Cond(node.A) && Cond(node.B) ? 1.0 : 0.0,
            NodeKind.Or => Cond(node.A) || Cond(node.B) ? 1.0 : 0.0,
            NodeKind.Conditional => Cond(node.A) ? B() : Evaluate(graph, node.C, states, parameters, time, seeds),
            NodeKind.Call when node.Calls(Functions.Sign) => Math.Sign(A()),
            NodeKind.Call => MathCall(node.Function, node, operand => Evaluate(graph, operand, states, parameters, time, seeds)),
            _ => throw new ArgumentOutOfRangeException(nameof(id), node.Kind, "Not evaluable."),
        };
    }

    /// <summary>
    /// A call evaluated by <c>System.Math</c>'s own member of the row's name (found by reflection, not through the
    /// table's folding), so every row of the table is evaluable here without an entry of its own.
    /// </summary>
    public static double MathCall(BuiltinFunction function, Node node, Func<int, double> operand)
    {
        Type[] parameters = new Type[function.Arity];
        object[] arguments = new object[function.Arity];
        for (int k = 0; k < function.Arity; k++)
        {
            parameters[k] = typeof(double);
            arguments[k] = operand(node.Operand(k));
        }

        System.Reflection.MethodInfo method = typeof(Math).GetMethod(function.Name, parameters)
            ?? throw new InvalidOperationException($"System.Math has no {function.Name} with {function.Arity} double parameter(s).");
        return Convert.ToDouble(method.Invoke(null, arguments), System.Globalization.CultureInfo.InvariantCulture);
    }
}
