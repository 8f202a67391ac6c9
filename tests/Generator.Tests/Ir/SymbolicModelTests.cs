using System.Collections.Generic;
using System.Linq;
using NeuralOdeGen.Generator.Ir;

namespace NeuralOdeGen.Generator.Tests.Ir;

/// <summary>
/// <see cref="SymbolicModel"/> and <see cref="ExpansionSize.Fits"/> from a hand-built right-hand side, without the
/// generator pipeline: the Jacobians' layout (row-major, i·n + j and i·m + k), the vector–Jacobian and Jacobian–vector
/// products against hand-derived values, the seed vectors each product reads, and which symbolic forms the size check
/// looks at. The pipeline tests reach these only through whole models, where a transposed layout shows up (if at all)
/// as a wrong number far downstream.
/// </summary>
/// <remarks>
/// The model is f₀ = a·x₀·x₁, f₁ = b·x₀ + x₁² at x = (2, 3), (a, b) = (5, 7). By hand: ∂f/∂x = [[a x₁, a x₀], [b, 2x₁]]
/// = [[15, 10], [7, 6]] and ∂f/∂(a, b) = [[x₀x₁, 0], [0, x₀]] = [[6, 0], [0, 2]]. Every value below is a small integer
/// or a sum of dyadic fractions, exact in binary, so the assertions are exact.
/// </remarks>
public sealed class SymbolicModelTests
{
    private static readonly double[] X = [2.0, 3.0];
    private static readonly double[] P = [5.0, 7.0];

    [Fact]
    public void Differentiate_TwoStatesTwoParameters_LaysOutBothJacobiansRowMajor()
    {
        SymbolicModel model = Model();

        Assert.Equal(2, model.StateCount);
        Assert.Equal(2, model.ParameterCount);
        Assert.Equal(new[] { 15.0, 10.0, 7.0, 6.0 }, model.StateJacobian.Select(Value(model)).ToArray());
        Assert.Equal(new[] { 6.0, 0.0, 0.0, 2.0 }, model.ParameterJacobian.Select(Value(model)).ToArray());
        Assert.True(model.Graph.IsConstant(model.ParameterJacobian[1], 0.0));
        Assert.True(model.Graph.IsConstant(model.ParameterJacobian[2], 0.0));
    }

    [Fact]
    public void VectorJacobianProduct_CotangentHalfQuarter_MatchesHandComputedSums()
    {
        // v = (0.5, 0.25): vᵀ∂f/∂x = (0.5·15 + 0.25·7, 0.5·10 + 0.25·6) = (9.25, 6.5); vᵀ∂f/∂p = (0.5·6, 0.25·2) = (3, 0.5).
        SymbolicModel model = Model();
        int[] product = model.VectorJacobianProduct();

        Assert.Equal(new[] { 9.25, 6.5, 3.0, 0.5 }, product.Select(id => IrEvaluator.Evaluate(model.Graph, id, X, P, seeds: [0.5, 0.25])).ToArray());
        Assert.All(product, id => Assert.All(SeedsOf(model, id), seed => Assert.Equal(SeedVector.Cotangent, seed.Vector)));
    }

    [Fact]
    public void JacobianVectorProduct_SameTangentForStatesAndParameters_MatchesHandComputedSums()
    {
        // The test evaluator reads seed i for every seed vector, so dx = dp = (0.5, 0.25):
        // df₀ = 15·0.5 + 10·0.25 + 6·0.5 + 0 = 13, df₁ = 7·0.5 + 6·0.25 + 0 + 2·0.25 = 5.5.
        SymbolicModel model = Model();
        int[] product = model.JacobianVectorProduct();

        Assert.Equal(new[] { 13.0, 5.5 }, product.Select(id => IrEvaluator.Evaluate(model.Graph, id, X, P, seeds: [0.5, 0.25])).ToArray());

        // Which vector each seed belongs to: f₀ reads dx₀, dx₁, dp₀; f₁ reads dx₀, dx₁, dp₁ (the zero entries are skipped).
        Assert.Equal(
            new[] { (SeedVector.StateTangent, 0), (SeedVector.StateTangent, 1), (SeedVector.ParameterTangent, 0) },
            SeedsOf(model, product[0]).OrderBy(s => s.Vector).ThenBy(s => s.Index).ToArray());
        Assert.Equal(
            new[] { (SeedVector.StateTangent, 0), (SeedVector.StateTangent, 1), (SeedVector.ParameterTangent, 1) },
            SeedsOf(model, product[1]).OrderBy(s => s.Vector).ThenBy(s => s.Index).ToArray());
    }

    [Fact]
    public void Build_FromABody_LowersThenDifferentiates()
    {
        // The body f₀ = a·x₀ (no locals): ∂f/∂x = a = 5, ∂f/∂a = x₀ = 2.
        var graph = new ExprGraph();
        int x = graph.Intern(Node.Leaf(NodeKind.State, 0));
        int a = graph.Intern(Node.Leaf(NodeKind.Parameter, 0));
        int product = graph.Intern(Node.Binary(NodeKind.Multiply, a, x));
        var body = new BodyIr(graph.ToArray(), EquatableArray<LocalDeclaration>.Empty, new EquatableArray<int>([product]));

        SymbolicModel model = SymbolicModel.Build(body, parameterCount: 1);

        Assert.Equal(10.0, IrEvaluator.Evaluate(model.Graph, model.RightHandSide[0], X, P));
        Assert.Equal(5.0, IrEvaluator.Evaluate(model.Graph, model.StateJacobian[0], X, P));
        Assert.Equal(2.0, IrEvaluator.Evaluate(model.Graph, model.ParameterJacobian[0], X, P));
    }

    [Fact]
    public void Fits_SmallModel_IsTrue()
    {
        Assert.True(ExpansionSize.Fits(Model()));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Fits_RightHandSideFitsButItsDerivativeDoesNot_IsFalse(bool ofParameter)
    {
        NodeKind variable = ofParameter ? NodeKind.Parameter : NodeKind.State;

        // f = exp(exp(…exp(v)…)), 200 levels: the tree has 201 nodes, but f' = Π exp_k written out repeats every inner
        // exp, about 200²/2 = 20 000 nodes > 10 000. With v a state only ∂f/∂x is large; with v a parameter only ∂f/∂p.
        var simplifier = new Simplifier(new ExprGraph());
        int f = simplifier.Leaf(variable, 0);
        for (int k = 0; k < 200; k++)
        {
            f = simplifier.Call(Functions.Exp, f);
        }

        SymbolicModel model = SymbolicModel.Differentiate(simplifier, [f], parameterCount: 1);

        Assert.True(ExpansionSize.Largest(model.Graph, model.RightHandSide) <= ExpansionSize.Limit);
        Assert.False(ExpansionSize.Fits(model));
    }

    [Fact]
    public void ParameterBlock_Names_IndexSpansOnly()
    {
        var span = new ParameterBlock("w", 1, 3, IsSpan: true);
        var scalar = new ParameterBlock("a", 0, 1, IsSpan: false);

        Assert.Equal("w[2]", span.DisplayName(2));
        Assert.Equal("w_2", span.SymbolName(2));
        Assert.Equal("a", scalar.DisplayName(0));
        Assert.Equal("a", scalar.SymbolName(0));
    }

    private static SymbolicModel Model()
    {
        var s = new Simplifier(new ExprGraph());
        int x0 = s.Leaf(NodeKind.State, 0);
        int x1 = s.Leaf(NodeKind.State, 1);
        int a = s.Leaf(NodeKind.Parameter, 0);
        int b = s.Leaf(NodeKind.Parameter, 1);
        int f0 = s.Multiply(s.Multiply(a, x0), x1);
        int f1 = s.Add(s.Multiply(b, x0), s.Multiply(x1, x1));
        return SymbolicModel.Differentiate(s, [f0, f1], parameterCount: 2);
    }

    private static System.Func<int, double> Value(SymbolicModel model) => id => IrEvaluator.Evaluate(model.Graph, id, X, P);

    private static List<(SeedVector Vector, int Index)> SeedsOf(SymbolicModel model, int root) =>
        Lowering.ReachableLeaves(model.Graph, [root])
            .Select(id => model.Graph[id])
            .Where(node => node.Kind == NodeKind.Seed)
            .Select(node => ((SeedVector)node.A, node.B))
            .ToList();
}
