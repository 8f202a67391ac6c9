using System;
using System.Runtime.Intrinsics;

namespace NeuralOdeGen;

/// <summary>
/// An ODE right-hand side <c>dx/dt = f(t, x; p)</c> with its derivatives, implemented by the source generator
/// for every type with a <see cref="DynamicsAttribute"/> method. All members are static so that generic code
/// over <c>TModel : struct, IOdeModel&lt;TModel&gt;</c> is fully specialised by the JIT.
/// </summary>
/// <typeparam name="TSelf">The implementing type.</typeparam>
public interface IOdeModel<TSelf> where TSelf : IOdeModel<TSelf>
{
    /// <summary>Gets the number of state variables <c>n</c>.</summary>
    static abstract int StateCount { get; }

    /// <summary>Gets the number of trainable parameters <c>m</c>.</summary>
    static abstract int ParameterCount { get; }

    /// <summary>Gets the names and symbolic (SymPy syntax) forms of the model and its derivatives.</summary>
    static abstract OdeModelInfo Info { get; }

    /// <summary>Evaluates <c>dxdt = f(t, x; p)</c>.</summary>
    static abstract void Evaluate(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> dxdt);

    /// <summary>Writes the state Jacobian, <c>jx[i*n + j] = ∂f_i/∂x_j</c> (n×n, row-major).</summary>
    static abstract void StateJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jx);

    /// <summary>Writes the parameter Jacobian, <c>jp[i*m + k] = ∂f_i/∂p_k</c> (n×m, row-major).</summary>
    static abstract void ParameterJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jp);

    /// <summary>
    /// Writes the vector–Jacobian products <c>vjx = vᵀ ∂f/∂x</c> (length n) and <c>vjp = vᵀ ∂f/∂p</c> (length m):
    /// the right-hand side of the adjoint system.
    /// </summary>
    static abstract void VectorJacobianProduct(
        double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, ReadOnlySpan<double> v, Span<double> vjx, Span<double> vjp);

    /// <summary>Writes the Jacobian–vector product <c>df = ∂f/∂x · dx + ∂f/∂p · dp</c> (forward sensitivities).</summary>
    static abstract void JacobianVectorProduct(
        double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, ReadOnlySpan<double> dx, ReadOnlySpan<double> dp, Span<double> df);

    /// <summary>Evaluates the user's own body over dual numbers (forward mode), independently of the symbolic derivatives.</summary>
    static abstract void EvaluateDual(double t, ReadOnlySpan<Dual> x, ReadOnlySpan<Dual> p, Span<Dual> dxdt);

    /// <summary>
    /// Gets a value indicating whether <see cref="EvaluateLanes"/> and <see cref="VectorJacobianProductLanes"/> are
    /// generated SIMD code (the runtime then solves groups of samples in vector registers) rather than the scalar
    /// loops these members default to.
    /// </summary>
    static virtual bool HasVectorLanes => false;

    /// <summary>
    /// Evaluates <see cref="Evaluate"/> for a block of samples, <see cref="Vector256{T}.Count"/> per vector, all at time
    /// <paramref name="t"/> with the shared parameters. The block is component-major: with <c>count = x.Length / n</c>
    /// vectors per component, <c>x[i * count + k]</c> holds state <c>i</c> of the samples in vector <c>k</c>, and
    /// <paramref name="dxdt"/> is laid out the same way. Each lane's result is bit-identical to <see cref="Evaluate"/>.
    /// </summary>
    static virtual void EvaluateLanes(double t, ReadOnlySpan<Vector256<double>> x, ReadOnlySpan<double> p, Span<Vector256<double>> dxdt)
    {
        int n = TSelf.StateCount;
        int count = LaneBlock.CountOf(x.Length, n, nameof(x));
        LaneBlock.Require(dxdt.Length, n * count, nameof(dxdt));
        Span<double> laneState = n <= 64 ? stackalloc double[n] : new double[n];
        Span<double> laneRate = n <= 64 ? stackalloc double[n] : new double[n];
        for (int k = 0; k < count; k++)
        {
            for (int lane = 0; lane < Vector256<double>.Count; lane++)
            {
                for (int i = 0; i < n; i++)
                {
                    laneState[i] = x[(i * count) + k].GetElement(lane);
                }

                TSelf.Evaluate(t, laneState, p, laneRate);
                for (int i = 0; i < n; i++)
                {
                    ref Vector256<double> rate = ref dxdt[(i * count) + k];
                    rate = rate.WithElement(lane, laneRate[i]);
                }
            }
        }
    }

    /// <summary>
    /// Evaluates <see cref="VectorJacobianProduct"/> for a block of samples laid out as in <see cref="EvaluateLanes"/>:
    /// <paramref name="v"/> and <paramref name="vjx"/> have <c>n × count</c> vectors, <paramref name="vjp"/> has
    /// <c>m × count</c>, <c>vjp[k' * count + k]</c> holding each lane's own <c>vᵀ ∂f/∂p_k'</c>. Bit-identical per lane.
    /// </summary>
    static virtual void VectorJacobianProductLanes(
        double t, ReadOnlySpan<Vector256<double>> x, ReadOnlySpan<double> p, ReadOnlySpan<Vector256<double>> v, Span<Vector256<double>> vjx, Span<Vector256<double>> vjp)
    {
        int n = TSelf.StateCount;
        int m = TSelf.ParameterCount;
        int count = LaneBlock.CountOf(x.Length, n, nameof(x));
        LaneBlock.Require(v.Length, n * count, nameof(v));
        LaneBlock.Require(vjx.Length, n * count, nameof(vjx));
        LaneBlock.Require(vjp.Length, m * count, nameof(vjp));
        Span<double> laneState = n <= 64 ? stackalloc double[n] : new double[n];
        Span<double> laneV = n <= 64 ? stackalloc double[n] : new double[n];
        Span<double> laneVjx = n <= 64 ? stackalloc double[n] : new double[n];
        Span<double> laneVjp = m <= 64 ? stackalloc double[m] : new double[m];
        for (int k = 0; k < count; k++)
        {
            for (int lane = 0; lane < Vector256<double>.Count; lane++)
            {
                for (int i = 0; i < n; i++)
                {
                    laneState[i] = x[(i * count) + k].GetElement(lane);
                    laneV[i] = v[(i * count) + k].GetElement(lane);
                }

                TSelf.VectorJacobianProduct(t, laneState, p, laneV, laneVjx, laneVjp);
                for (int i = 0; i < n; i++)
                {
                    ref Vector256<double> value = ref vjx[(i * count) + k];
                    value = value.WithElement(lane, laneVjx[i]);
                }

                for (int q = 0; q < m; q++)
                {
                    ref Vector256<double> value = ref vjp[(q * count) + k];
                    value = value.WithElement(lane, laneVjp[q]);
                }
            }
        }
    }

    /// <summary>
    /// Gets a value indicating whether <see cref="JacobianVectorProductLanes"/> is generated SIMD code rather than the scalar
    /// loop it defaults to (forward sensitivities in lanes use it only then).
    /// </summary>
    static virtual bool HasJacobianVectorProductLanes => false;

    /// <summary>
    /// Evaluates <see cref="JacobianVectorProduct"/> for a block of samples laid out as in <see cref="EvaluateLanes"/>:
    /// <paramref name="dx"/> and <paramref name="df"/> have <c>n × count</c> vectors, each lane its own state tangent;
    /// the parameter tangent <paramref name="dp"/> (length m) is shared by the block. Bit-identical per lane.
    /// </summary>
    static virtual void JacobianVectorProductLanes(
        double t, ReadOnlySpan<Vector256<double>> x, ReadOnlySpan<double> p, ReadOnlySpan<Vector256<double>> dx, ReadOnlySpan<double> dp, Span<Vector256<double>> df)
    {
        int n = TSelf.StateCount;
        int count = LaneBlock.CountOf(x.Length, n, nameof(x));
        LaneBlock.Require(dx.Length, n * count, nameof(dx));
        LaneBlock.Require(df.Length, n * count, nameof(df));
        Span<double> laneState = n <= 64 ? stackalloc double[n] : new double[n];
        Span<double> laneTangent = n <= 64 ? stackalloc double[n] : new double[n];
        Span<double> laneProduct = n <= 64 ? stackalloc double[n] : new double[n];
        for (int k = 0; k < count; k++)
        {
            for (int lane = 0; lane < Vector256<double>.Count; lane++)
            {
                for (int i = 0; i < n; i++)
                {
                    laneState[i] = x[(i * count) + k].GetElement(lane);
                    laneTangent[i] = dx[(i * count) + k].GetElement(lane);
                }

                TSelf.JacobianVectorProduct(t, laneState, p, laneTangent, dp, laneProduct);
                for (int i = 0; i < n; i++)
                {
                    ref Vector256<double> value = ref df[(i * count) + k];
                    value = value.WithElement(lane, laneProduct[i]);
                }
            }
        }
    }

    /// <summary>
    /// Writes the forward-sensitivity columns' rates of a block of samples laid out as in <see cref="EvaluateLanes"/>:
    /// <paramref name="columns"/> holds <c>c</c> blocks of <c>n × count</c> vectors (the columns <c>s_1 … s_c</c>) and
    /// <paramref name="rates"/> receives, block by block, <see cref="JacobianVectorProductLanes"/> of each column with the
    /// parameter tangent <c>e_k</c> for column <c>k &lt; m</c> and zero after. The generated member computes the
    /// Jacobian's entries once per vector for all columns; the default calls <see cref="JacobianVectorProductLanes"/> per
    /// column. Bit-identical per lane and column to <see cref="JacobianVectorProduct"/>.
    /// </summary>
    static virtual void SensitivityRatesLanes(double t, ReadOnlySpan<Vector256<double>> x, ReadOnlySpan<double> p, ReadOnlySpan<Vector256<double>> columns, Span<Vector256<double>> rates)
    {
        int n = TSelf.StateCount;
        int m = TSelf.ParameterCount;
        int count = LaneBlock.CountOf(x.Length, n, nameof(x));
        int columnCount = LaneBlock.CountOf(columns.Length, n * count, nameof(columns));
        LaneBlock.Require(rates.Length, columns.Length, nameof(rates));
        int block = n * count;
        Span<double> direction = m <= 64 ? stackalloc double[m] : new double[m];
        direction.Clear();
        for (int k = 0; k < columnCount; k++)
        {
            if (k < m)
            {
                direction[k] = 1.0;
            }

            TSelf.JacobianVectorProductLanes(t, x, p, columns.Slice(k * block, block), direction, rates.Slice(k * block, block));
            if (k < m)
            {
                direction[k] = 0.0;
            }
        }
    }

    /// <summary>
    /// Gets a value indicating whether <see cref="FourStageStepsLanes"/>, <see cref="FourStageRecordedStepsLanes"/>,
    /// <see cref="FourStageAdjointStepsLanes"/> and <see cref="FourStageReverseStepsLanes"/> are generated fused kernels.
    /// The generator writes them for a model whose lane members it writes and whose right-hand side is small enough to be
    /// repeated once per stage.
    /// </summary>
    static virtual bool HasFourStageLanes => false;

    /// <summary>
    /// Takes <paramref name="steps"/> equal steps of the explicit four-stage <paramref name="method"/> from
    /// <paramref name="start"/> to <paramref name="stop"/> on a block laid out as in <see cref="EvaluateLanes"/>, in place.
    /// A fused kernel: per step and vector the state is read once and written once, the stages stay in registers. Per
    /// lane the same operations in the same order as a fixed-step Runge–Kutta step over <see cref="EvaluateLanes"/>, so
    /// the same bits. The result is not checked for finiteness.
    /// </summary>
    /// <exception cref="NotSupportedException">The model has no generated kernel (<see cref="HasFourStageLanes"/> is false).</exception>
    static virtual void FourStageStepsLanes(
        FourStageMethod method, double start, double stop, int steps, ReadOnlySpan<double> parameters, Span<Vector256<double>> state) =>
        throw NoFourStageLanes();

    /// <summary>
    /// <see cref="FourStageStepsLanes"/> for the adjoint system <c>[x, λ, z]' = [f(x), −λᵀ∂f/∂x, −λᵀ∂f/∂p]</c> of a block
    /// of samples: <paramref name="augmented"/> holds the <c>x</c> block (<c>n × count</c> vectors), then the <c>λ</c>
    /// block (<c>n × count</c>), then the <c>z</c> block (<c>m × count</c>, each lane's own parameter gradient), each
    /// component-major. Per lane the same bits as the steps over <see cref="EvaluateLanes"/> and
    /// <see cref="VectorJacobianProductLanes"/> with the products negated.
    /// </summary>
    /// <exception cref="NotSupportedException">The model has no generated kernel (<see cref="HasFourStageLanes"/> is false).</exception>
    static virtual void FourStageAdjointStepsLanes(
        FourStageMethod method, double start, double stop, int steps, ReadOnlySpan<double> parameters, Span<Vector256<double>> augmented) =>
        throw NoFourStageLanes();

    /// <summary>
    /// <see cref="FourStageStepsLanes"/> that also writes every step's stage states <c>Y_0 … Y_3</c> into
    /// <paramref name="record"/>, as the discrete adjoint needs them: step-major, then stage, each stage state laid out
    /// as the block (<c>steps × 4 × n × count</c> vectors, <c>Y_0</c> the step's start).
    /// </summary>
    /// <exception cref="NotSupportedException">The model has no generated kernel (<see cref="HasFourStageLanes"/> is false).</exception>
    static virtual void FourStageRecordedStepsLanes(
        FourStageMethod method, double start, double stop, int steps, ReadOnlySpan<double> parameters, Span<Vector256<double>> state, Span<Vector256<double>> record) =>
        throw NoFourStageLanes();

    /// <summary>
    /// The discrete adjoint's sweep back through <paramref name="steps"/> steps that
    /// <see cref="FourStageRecordedStepsLanes"/> recorded from <paramref name="start"/> to <paramref name="stop"/>: per
    /// step, from the last, <paramref name="adjoint"/> (<c>λ</c>, laid out as the state) is pulled back to the step's
    /// start and each lane's <c>(∂f/∂θ)ᵀ K̄_j</c> is added to its <paramref name="gradient"/> (<c>m × count</c> vectors).
    /// Per lane the same bits as the generic reverse step over <see cref="VectorJacobianProductLanes"/>.
    /// </summary>
    /// <exception cref="NotSupportedException">The model has no generated kernel (<see cref="HasFourStageLanes"/> is false).</exception>
    static virtual void FourStageReverseStepsLanes(
        FourStageMethod method,
        double start,
        double stop,
        int steps,
        ReadOnlySpan<double> parameters,
        ReadOnlySpan<Vector256<double>> record,
        Span<Vector256<double>> adjoint,
        Span<Vector256<double>> gradient) =>
        throw NoFourStageLanes();

    /// <summary>
    /// Gets a value indicating whether <see cref="FourStageStepsWideLanes"/> and <see cref="FourStageAdjointStepsWideLanes"/>
    /// are generated: the four-stage kernels eight lanes wide, for CPUs that run <see cref="Vector512{T}"/> natively. The
    /// generator writes them beside the four-lane kernels unless the right-hand side calls a function that
    /// <see cref="LaneMath"/> evaluates lane by lane.
    /// </summary>
    static virtual bool HasWideFourStageLanes => false;

    /// <summary>
    /// <see cref="FourStageStepsLanes"/> eight lanes at a time: <paramref name="state"/> is the same block of
    /// <see cref="Vector256{T}"/> with an even number of vectors per component, each two consecutive vectors of a
    /// component read as one <see cref="Vector512{T}"/>. Per lane the same operations, so the same bits.
    /// </summary>
    /// <exception cref="NotSupportedException">The model has no generated kernel (<see cref="HasWideFourStageLanes"/> is false).</exception>
    static virtual void FourStageStepsWideLanes(
        FourStageMethod method, double start, double stop, int steps, ReadOnlySpan<double> parameters, Span<Vector512<double>> state) =>
        throw NoFourStageLanes();

    /// <summary><see cref="FourStageAdjointStepsLanes"/> eight lanes at a time, the block read as in <see cref="FourStageStepsWideLanes"/>.</summary>
    /// <exception cref="NotSupportedException">The model has no generated kernel (<see cref="HasWideFourStageLanes"/> is false).</exception>
    static virtual void FourStageAdjointStepsWideLanes(
        FourStageMethod method, double start, double stop, int steps, ReadOnlySpan<double> parameters, Span<Vector512<double>> augmented) =>
        throw NoFourStageLanes();

    /// <summary><see cref="FourStageRecordedStepsLanes"/> eight lanes at a time, the blocks read as in <see cref="FourStageStepsWideLanes"/>.</summary>
    /// <exception cref="NotSupportedException">The model has no generated kernel (<see cref="HasWideFourStageLanes"/> is false).</exception>
    static virtual void FourStageRecordedStepsWideLanes(
        FourStageMethod method, double start, double stop, int steps, ReadOnlySpan<double> parameters, Span<Vector512<double>> state, Span<Vector512<double>> record) =>
        throw NoFourStageLanes();

    /// <summary><see cref="FourStageReverseStepsLanes"/> eight lanes at a time, the blocks read as in <see cref="FourStageStepsWideLanes"/>.</summary>
    /// <exception cref="NotSupportedException">The model has no generated kernel (<see cref="HasWideFourStageLanes"/> is false).</exception>
    static virtual void FourStageReverseStepsWideLanes(
        FourStageMethod method,
        double start,
        double stop,
        int steps,
        ReadOnlySpan<double> parameters,
        ReadOnlySpan<Vector512<double>> record,
        Span<Vector512<double>> adjoint,
        Span<Vector512<double>> gradient) =>
        throw NoFourStageLanes();

    private static NotSupportedException NoFourStageLanes() => new(
        $"{typeof(TSelf).Name} has no generated four-stage lane kernel of this width (see HasFourStageLanes, HasWideFourStageLanes): its lane "
        + "members are not generated, its right-hand side is too large to repeat per stage, or (eight lanes) it calls a function evaluated "
        + "lane by lane.");
}
