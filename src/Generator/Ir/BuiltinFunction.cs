using System;

namespace NeuralOdeGen.Generator.Ir;

/// <summary>How the lane members compute a function: exactly rounded vector instructions, or <c>LaneMath</c> per lane.</summary>
internal enum LaneForm
{
    /// <summary><c>NeuralOdeGen.LaneMath.{Name}</c>, which calls <see cref="Math"/> on each lane (bit-identical to the scalar member).</summary>
    PerLane,

    /// <summary>
    /// An exactly rounded vector form, the same bits as the scalar call in every lane: <c>Vector256.{VectorMember}</c>, or
    /// (with no member) a form the vector printer writes itself (<c>Sign</c> as two selects).
    /// </summary>
    ExactVector,
}

/// <summary>
/// One built-in function: everything every phase of the generator needs to know about it. The parser recognises
/// <c>System.Math.{Name}</c> with <see cref="Arity"/> <c>double</c> parameters, the simplifier folds constants with
/// <see cref="Fold"/>, the differentiator applies <see cref="Derivative"/>, and the printers write <c>Math.{Name}</c>,
/// <c>Dual.{Name}</c>, <see cref="SymPy"/> and the <see cref="Lane"/> form. Rows live in <see cref="Functions"/>.
/// </summary>
internal sealed class BuiltinFunction
{
    /// <param name="name">The member name in <c>System.Math</c>, <c>NeuralOdeGen.Dual</c> and (per lane) <c>NeuralOdeGen.LaneMath</c>.</param>
    /// <param name="arity">The number of <c>double</c> arguments.</param>
    /// <param name="fold">The value at constant arguments, with the emitted code's semantics; <see langword="null"/> leaves the call unfolded.</param>
    /// <param name="derivative">The total derivative of the call in terms of its arguments' derivatives.</param>
    /// <param name="sympy">A SymPy function name (<c>exp</c>), or a template over <c>{0}</c>, <c>{1}</c>, <c>{2}</c> that is a call or parenthesised.</param>
    /// <param name="lane">The lane form.</param>
    /// <param name="vectorMember">For <see cref="LaneForm.ExactVector"/>, the <c>Vector256</c> member, if it is a plain call.</param>
    public BuiltinFunction(
        string name,
        int arity,
        Func<double, double, double, double?> fold,
        Func<DerivativeRule, int> derivative,
        string sympy,
        LaneForm lane = LaneForm.PerLane,
        string? vectorMember = null)
    {
        Name = name;
        Arity = arity;
        Fold = fold;
        Derivative = derivative;
        SymPy = sympy;
        Lane = lane;
        VectorMember = vectorMember;
    }

    /// <summary>The row's index in <see cref="Functions.All"/>: what a <see cref="NodeKind.Call"/> node stores.</summary>
    public int Id { get; internal set; }

    public string Name { get; }

    public int Arity { get; }

    public Func<double, double, double, double?> Fold { get; }

    public Func<DerivativeRule, int> Derivative { get; }

    public string SymPy { get; }

    /// <summary>Whether <see cref="SymPy"/> is a template (with <c>{0}</c>) rather than a function name.</summary>
    public bool IsSymPyTemplate => SymPy.IndexOf('{') >= 0;

    public LaneForm Lane { get; }

    public string? VectorMember { get; }

    public override string ToString() => Name;
}

/// <summary>
/// What a <see cref="BuiltinFunction.Derivative"/> rule sees: the simplifier, the call node and its arguments, and the
/// arguments' derivatives, computed on demand (and memoised) so that a rule builds its nodes in the order it asks.
/// </summary>
internal readonly struct DerivativeRule
{
    private readonly Differentiator _differentiator;
    private readonly Node _node;

    public DerivativeRule(Differentiator differentiator, Simplifier simplifier, int self, Node node)
    {
        _differentiator = differentiator;
        S = simplifier;
        Self = self;
        _node = node;
    }

    public Simplifier S { get; }

    /// <summary>The call node itself (e.g. <c>exp(a)</c>, whose derivative reuses it).</summary>
    public int Self { get; }

    /// <summary>Argument <paramref name="index"/>.</summary>
    public int Arg(int index) => _node.Operand(index);

    /// <summary>The derivative of argument <paramref name="index"/>.</summary>
    public int Derive(int index) => _differentiator.Derive(_node.Operand(index));

    /// <summary><c>outer · a'</c> for argument <paramref name="index"/>, or 0 without building the product when a' is 0.</summary>
    public int Chain(int outer, int index)
    {
        int derivative = Derive(index);
        return S.Graph.IsConstant(derivative, 0.0) ? S.Zero : S.Multiply(outer, derivative);
    }

    public int Constant(double value) => S.Constant(value);

    public int Square(int id) => S.Pow(id, S.Constant(2.0));
}
