using System;

namespace NeuralOdeGen;

/// <summary>
/// The forward-sensitivity columns after the parameters' (<see cref="SensitivitySystem{TModel}"/>), present only when
/// asked for: <c>n</c> columns <c>r_j = ∂x/∂x0_j</c> starting at the unit vectors, then one column <c>u = ∂x/∂t0</c>
/// starting at <c>−f(t0, x0)</c> (a later start shifts the whole solution back along the flow). Both obey <c>ṙ = J r</c>.
/// Layout: <c>y = [x, s_1 … s_m, r_1 … r_n, u]</c>.
/// </summary>
internal static class ExtraSensitivityColumns
{
    /// <summary>Gets the number of extra columns.</summary>
    public static int Count(int stateCount, bool initialState, bool startTime) => (initialState ? stateCount : 0) + (startTime ? 1 : 0);

    /// <summary>Writes the augmented initial value: <c>x0</c>, zero parameter columns, then the extra columns' starts.</summary>
    public static void Start<TModel>(Span<double> y, ReadOnlySpan<double> initialState, double[] parameters, double startTime, bool initialStateColumns, bool startTimeColumn)
        where TModel : struct, IOdeModel<TModel>
    {
        int n = TModel.StateCount;
        initialState.CopyTo(y);
        y[n..].Clear();
        int offset = n * (TModel.ParameterCount + 1);
        if (initialStateColumns)
        {
            for (int j = 0; j < n; j++)
            {
                y[offset + (j * n) + j] = 1.0;
            }

            offset += n * n;
        }

        if (startTimeColumn)
        {
            Span<double> column = y.Slice(offset, n);
            TModel.Evaluate(startTime, initialState, parameters, column);
            for (int i = 0; i < n; i++)
            {
                column[i] = -column[i];
            }
        }
    }

    /// <summary>
    /// Adds one observation's <c>g·r_j</c> to <paramref name="initialStateGradient"/> (when not empty) and <c>g·u</c> to
    /// <paramref name="startTimeGradient"/> (when wanted), <c>g = ∂ℓ/∂x(τ_k)</c>.
    /// </summary>
    public static void Accumulate<TModel>(ReadOnlySpan<double> y, ReadOnlySpan<double> lossGradient, Span<double> initialStateGradient, bool startTimeColumn, ref double startTimeGradient)
        where TModel : struct, IOdeModel<TModel>
    {
        int n = TModel.StateCount;
        int offset = n * (TModel.ParameterCount + 1);
        for (int j = 0; j < initialStateGradient.Length; j++)
        {
            initialStateGradient[j] += SensitivityWorkspace<TModel>.Dot(lossGradient, y.Slice(offset + (j * n), n));
        }

        offset += n * initialStateGradient.Length;
        if (startTimeColumn)
        {
            startTimeGradient += SensitivityWorkspace<TModel>.Dot(lossGradient, y.Slice(offset, n));
        }
    }
}
