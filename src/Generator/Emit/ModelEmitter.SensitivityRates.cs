using NeuralOdeGen.Generator.Ir;

namespace NeuralOdeGen.Generator.Emit;

/// <summary>
/// <c>SensitivityRatesLanes</c>: the forward-sensitivity columns' rates of a block of samples in one call, the
/// Jacobian's entries computed once per vector and shared by the columns (<see cref="ColumnLaneBody"/>).
/// </summary>
internal static partial class ModelEmitter
{
    private sealed partial class MemberWriter
    {
        /// <summary>Writes <c>SensitivityRatesLanes</c> (called after <c>JacobianVectorProductLanes</c>, whose graph it prints).</summary>
        private void SensitivityRatesLanes(int[] products)
        {
            Identifiers identifiers = UserScope();
            string time = identifiers.Introduce("time");
            string state = identifiers.Introduce("state");
            string parameters = identifiers.Introduce("parameters");
            string columns = identifiers.Introduce("columns");
            string rates = identifiers.Introduce("rates");
            string count = identifiers.Introduce("count");
            string columnCount = identifiers.Introduce("columnCount");
            string vector = identifiers.Introduce("k");
            string column = identifiers.Introduce("c");
            Header(
                "SensitivityRatesLanes",
                $"double {time}, {ReadOnlyLaneSpan} {state}, {ReadOnlySpan} {parameters}, {ReadOnlyLaneSpan} {columns}, {LaneSpan} {rates}",
                _inline);
            _w.Line($"int {count} = global::NeuralOdeGen.LaneBlock.CountOf({state}.Length, {Index(_n)}, nameof({state}));");
            _w.Line($"int {columnCount} = global::NeuralOdeGen.LaneBlock.CountOf({columns}.Length, {Index(_n)} * {count}, nameof({columns}));");
            _w.Line($"global::NeuralOdeGen.LaneBlock.Require({rates}.Length, {columns}.Length, nameof({rates}));");
            CheckLength(parameters, _m);
            _w.Line();

            string timeVector = _model.TimeName is { } timeName ? Identifiers.Escape(timeName) : identifiers.Introduce("timeVector");
            string[] stateLocals = StateLocals(identifiers);
            string[] parameterLocals = ParameterLocals(identifiers);
            string[] seedNames = { state, parameters, "dstate", "dparameters" };
            var body = new ColumnLaneBody(
                _symbolic.Graph,
                node => LeafName(node, timeVector, seedNames, stateLocals, parameterLocals),
                node => node.Kind switch
                {
                    NodeKind.State => $"{state}[{LaneElement(node.A, count, vector)}]",
                    NodeKind.Parameter => $"{VectorPrinter.Vector}.Create({parameters}[{Index(node.A)}])",
                    _ => $"{VectorPrinter.Vector}.Create({time})",
                })
            {
                CustomFunctions = _model.CustomFunctions,
            };
            body.Write(_w, identifiers, products, (count, columnCount, columns, rates, vector, column));
            _w.Close();
        }

        // Component i of vector k of a component-major block, as the lane members index it.
        private static string LaneElement(int component, string count, string index) => component switch
        {
            0 => index,
            1 => $"{count} + {index}",
            _ => $"{Index(component)} * {count} + {index}",
        };
    }
}
