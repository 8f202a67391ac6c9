namespace NeuralOdeGen.Generator.Ir;

/// <summary>
/// The simplified right-hand side of a model and its symbolic derivatives, all nodes of one graph (so the
/// right-hand side, the Jacobians and the products share every common subexpression).
/// </summary>
internal sealed class SymbolicModel
{
    private SymbolicModel(Simplifier simplifier, int[] rightHandSide, int[] stateJacobian, int[] parameterJacobian, int parameterCount)
    {
        Simplifier = simplifier;
        RightHandSide = rightHandSide;
        StateJacobian = stateJacobian;
        ParameterJacobian = parameterJacobian;
        ParameterCount = parameterCount;
    }

    public Simplifier Simplifier { get; }

    public ExprGraph Graph => Simplifier.Graph;

    public int StateCount => RightHandSide.Length;

    public int ParameterCount { get; }

    /// <summary>f_i, one id per state.</summary>
    public int[] RightHandSide { get; }

    /// <summary>∂f_i/∂x_j at i*n + j.</summary>
    public int[] StateJacobian { get; }

    /// <summary>∂f_i/∂p_k at i*m + k.</summary>
    public int[] ParameterJacobian { get; }

    public static SymbolicModel Build(BodyIr body, int parameterCount)
    {
        var simplifier = new Simplifier(new ExprGraph());
        return Differentiate(simplifier, Lowering.Lower(body, simplifier), parameterCount);
    }

    /// <summary>Adds both Jacobians of a lowered right-hand side <paramref name="rhs"/> to its graph.</summary>
    public static SymbolicModel Differentiate(Simplifier simplifier, int[] rhs, int parameterCount)
    {
        int n = rhs.Length;
        int[] jx = Jacobian(simplifier, rhs, NodeKind.State, n);
        int[] jp = Jacobian(simplifier, rhs, NodeKind.Parameter, parameterCount);
        return new SymbolicModel(simplifier, rhs, jx, jp, parameterCount);
    }

    /// <summary>
    /// vᵀJ straight from the symbolic entries: <c>vjx_j = Σ_i v_i ∂f_i/∂x_j</c> then <c>vjp_k = Σ_i v_i ∂f_i/∂p_k</c>,
    /// skipping zero entries; the n + m results in that order.
    /// </summary>
    public int[] VectorJacobianProduct()
    {
        int n = StateCount;
        int m = ParameterCount;
        int[] result = new int[n + m];
        for (int j = 0; j < n + m; j++)
        {
            int sum = Simplifier.Zero;
            for (int i = 0; i < n; i++)
            {
                int entry = j < n ? StateJacobian[(i * n) + j] : ParameterJacobian[(i * m) + (j - n)];
                sum = Accumulate(sum, Seed(SeedVector.Cotangent, i), entry);
            }

            result[j] = sum;
        }

        return result;
    }

    /// <summary><c>df_i = Σ_j ∂f_i/∂x_j dx_j + Σ_k ∂f_i/∂p_k dp_k</c>, skipping zero entries.</summary>
    public int[] JacobianVectorProduct()
    {
        int n = StateCount;
        int m = ParameterCount;
        int[] result = new int[n];
        for (int i = 0; i < n; i++)
        {
            int sum = Simplifier.Zero;
            for (int j = 0; j < n; j++)
            {
                sum = Accumulate(sum, Seed(SeedVector.StateTangent, j), StateJacobian[(i * n) + j]);
            }

            for (int k = 0; k < m; k++)
            {
                sum = Accumulate(sum, Seed(SeedVector.ParameterTangent, k), ParameterJacobian[(i * m) + k]);
            }

            result[i] = sum;
        }

        return result;
    }

    private int Seed(SeedVector vector, int index) => Graph.Intern(new Node(NodeKind.Seed, (int)vector, index, 0, 0));

    private int Accumulate(int sum, int seed, int entry) =>
        Graph.IsConstant(entry, 0.0) ? sum : Simplifier.Add(sum, Simplifier.Multiply(entry, seed));

    private static int[] Jacobian(Simplifier simplifier, int[] rhs, NodeKind variableKind, int count)
    {
        int n = rhs.Length;
        int[] jacobian = new int[n * count];
        for (int k = 0; k < count; k++)
        {
            var differentiator = new Differentiator(simplifier, simplifier.Leaf(variableKind, k));
            for (int i = 0; i < n; i++)
            {
                jacobian[(i * count) + k] = differentiator.Derive(rhs[i]);
            }
        }

        return jacobian;
    }
}
