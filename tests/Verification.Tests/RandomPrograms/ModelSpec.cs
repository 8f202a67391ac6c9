using System.Collections.Generic;

namespace NeuralOdeGen.Verification.Tests.RandomPrograms;

/// <summary>What a method parameter of a random [Dynamics] method is.</summary>
internal enum SlotKind
{
    State,
    Parameter,
    Time,
}

/// <summary>One method parameter: its role and C# identifier.</summary>
internal sealed record Slot(SlotKind Kind, string Identifier);

/// <summary>A local declared in a block body: <c>double name = value;</c>.</summary>
internal sealed record LocalSpec(string Identifier, Expr Value);

/// <summary>
/// A [Differentiable] function of the model's type, <c>G{index}</c>: its parameters, optional locals and returned value,
/// over its own parameters and locals; it may call the functions before it (so calls nest and never cycle).
/// </summary>
internal sealed record FunctionSpec(IReadOnlyList<string> Parameters, IReadOnlyList<LocalSpec> Locals, Expr Value)
{
    public static string Name(int index) => "G" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// A random model: signature (states, parameters and time interleaved), optional locals, one output per state, and
/// the [Differentiable] functions its expressions may call (<see cref="UserCallExpr"/>).
/// </summary>
internal sealed record ModelSpec(
    string TypeName,
    bool IsClass,
    IReadOnlyList<Slot> Signature,
    IReadOnlyList<LocalSpec> Locals,
    IReadOnlyList<Expr> Outputs,
    bool ExpressionBodied,
    IReadOnlyList<string>? TupleNames,
    IReadOnlyList<FunctionSpec>? Functions = null)
{
    public IEnumerable<Slot> States => Signature.Where(s => s.Kind == SlotKind.State);

    public IEnumerable<Slot> Parameters => Signature.Where(s => s.Kind == SlotKind.Parameter);

    public Slot? Time => Signature.FirstOrDefault(s => s.Kind == SlotKind.Time);

    public int StateCount => States.Count();

    public int ParameterCount => Parameters.Count();
}
