using System.Collections.Generic;
using System.Linq;
using NeuralOdeGen.Generator.Ir;

namespace NeuralOdeGen.Generator.Emit;

/// <summary>
/// The fused four-stage lane kernels (<c>FourStageStepsLanes</c>, <c>FourStageAdjointStepsLanes</c>): a whole fixed-step
/// Runge–Kutta step per vector of the block with the model's lane body written out once per stage, so the state is read
/// once and written once per step and the stages live in registers instead of four passes over stage arrays.
/// </summary>
internal static partial class ModelEmitter
{
    private const int Stages = 4;
    private const string FourStageMethod = "global::NeuralOdeGen.FourStageMethod";

    private sealed partial class MemberWriter
    {
        /// <summary>
        /// Writes <c>HasFourStageLanes</c> and the kernels, or none of them (the interface's defaults stay) when the
        /// right-hand side is too large to repeat per stage.
        /// </summary>
        private void FourStageLanes(int[] products)
        {
            if (!_inline)
            {
                return;
            }

            _w.Line();
            _w.Line("/// <inheritdoc/>");
            _w.Line(GeneratedCode);
            _w.Line("public static bool HasFourStageLanes => true;");
            FourStageKernels(products, wide: false);
            if (!StagedLaneBody.SupportsWide(_symbolic.Graph, _symbolic.RightHandSide.Concat(products)))
            {
                return;
            }

            _w.Line();
            _w.Line("/// <inheritdoc/>");
            _w.Line(GeneratedCode);
            _w.Line("public static bool HasWideFourStageLanes => true;");
            FourStageKernels(products, wide: true);
        }

        private void FourStageKernels(int[] products, bool wide)
        {
            string width = wide ? "Wide" : string.Empty;
            FourStageKernel($"FourStageSteps{width}Lanes", "state", products, StepKind.Steps, wide);
            FourStageKernel($"FourStageRecordedSteps{width}Lanes", "state", products, StepKind.RecordedSteps, wide);
            FourStageKernel($"FourStageAdjointSteps{width}Lanes", "augmented", products, StepKind.AdjointSteps, wide);
            FourStageReverseKernel($"FourStageReverseSteps{width}Lanes", products, wide);
        }

        /// <summary>
        /// Writes one kernel: the checks, the step's weights <c>h·a_ij</c> and <c>h·b_i</c> broadcast once, the shared
        /// broadcasts and temporaries, then per step and vector the four stages and the new state. The adjoint kernel
        /// carries <c>[x, λ, z]</c> with the rates <c>[f, −vᵀ∂f/∂x, −vᵀ∂f/∂p]</c> at <c>v = λ</c>; the products are
        /// subtracted instead of negated and added (<c>a − w·v</c> and <c>a + w·(−v)</c> are the same IEEE operation), and
        /// <c>z</c>, which no rate reads, gets no stage states.
        /// </summary>
        private void FourStageKernel(string name, string blockName, int[] products, StepKind kind, bool wide)
        {
            bool adjoint = kind == StepKind.AdjointSteps;
            bool recorded = kind == StepKind.RecordedSteps;
            var names = new KernelNames(UserScope(), wide, blockName, "record");
            Identifiers identifiers = names.Identifiers;
            (string vectorType, string vector, string method, string start, string stop, string steps, string parameters) =
                (names.VectorType, names.Vector, names.Method, names.Start, names.Stop, names.Steps, names.Parameters);
            (string block, string record) = (names.Spans[0], names.Spans[1]);
            (string count, string step, string row, string index, string stepSize) = (names.Count, names.Step, names.Row, names.Index, names.StepSize);
            int components = adjoint ? (2 * _n) + _m : _n;

            string signature = $"{names.Signature}, global::System.Span<{vectorType}> {block}";
            Header(name, recorded ? $"{signature}, global::System.Span<{vectorType}> {record}" : signature);
            _w.Line($"global::System.ArgumentNullException.ThrowIfNull({method});");
            _w.Line($"int {count} = global::NeuralOdeGen.LaneBlock.CountOf({block}.Length, {Index(components)}, nameof({block}));");
            CheckLength(parameters, _m);
            _w.Line();
            _w.Line($"double {stepSize} = {FourStageMethod}.StepSize({start}, {stop}, {steps});");
            if (recorded)
            {
                // The stage states of every step: step-major, then stage, then the block's component-major layout.
                _w.Line($"global::NeuralOdeGen.LaneBlock.Require({record}.Length, {steps} * {Index(Stages * _n)} * {count}, nameof({record}));");
            }

            _w.Line();

            // The weights of stage i's state (row i of a) and of the solution, times the step, as the stepper forms them.
            string[][] stageWeights = new string[Stages][];
            for (int i = 1; i < Stages; i++)
            {
                stageWeights[i] = new string[i];
                for (int j = 0; j < i; j++)
                {
                    stageWeights[i][j] = identifiers.Introduce($"stageWeight{Index(i)}{Index(j)}");
                    _w.Line($"{vectorType} {stageWeights[i][j]} = {vector}.Create({stepSize} * {method}.A{Index(i)}{Index(j)});");
                }
            }

            string[] solutionWeights = new string[Stages];
            for (int j = 0; j < Stages; j++)
            {
                solutionWeights[j] = identifiers.Introduce($"solutionWeight{Index(j)}");
                _w.Line($"{vectorType} {solutionWeights[j]} = {vector}.Create({stepSize} * {method}.B{Index(j)});");
            }

            // Per component: its value at the step's start, its state at stages 1–3 and its rate at stages 0–3.
            string[] x = StateLocals(identifiers);
            string[] parameterLocals = ParameterLocals(identifiers);
            Carried states = Carried.Of(identifiers, x, startReserved: true);
            Carried? lambda = adjoint ? Carried.Of(identifiers, x.Select(local => local + "Adjoint").ToArray()) : null;
            Carried? gradient = adjoint ? Carried.Of(identifiers, parameterLocals.Select(local => local + "Gradient").ToArray(), withStages: false) : null;

            var outputs = new List<int>(_symbolic.RightHandSide);
            if (adjoint)
            {
                outputs.AddRange(products);
            }

            StagedLaneBody body = StagedBody(names, outputs, parameterLocals);
            var lines = new List<string>();
            for (int i = 0; i < Stages; i++)
            {
                if (i > 0)
                {
                    lines.Add($"// Stage {Index(i)}.");
                    states.StageState(lines, vectorType, i, stageWeights[i], "+");
                    lambda?.StageState(lines, vectorType, i, stageWeights[i], "-");
                }

                if (recorded)
                {
                    for (int c = 0; c < _n; c++)
                    {
                        lines.Add($"{record}[{row} + {Index((i * _n) + c)} * {count} + {index}] = {states.Stage(i)[c]};");
                    }
                }

                int stage = i;
                var rates = new List<string>(states.Rates[i]);
                if (lambda is not null && gradient is not null)
                {
                    rates.AddRange(lambda.Rates[i]);
                    rates.AddRange(gradient.Rates[i]);
                }

                lines.AddRange(body.Stage(
                    node => node.Kind switch
                    {
                        NodeKind.State => states.Stage(stage)[node.A],
                        NodeKind.Time => names.StageTimes[stage],
                        _ => lambda!.Stage(stage)[node.B],
                    },
                    rates));
                lines.Add(string.Empty);
            }

            OpenKernelLoops(body, names, outputs, backwards: false, recorded);
            var carried = new List<(Carried Values, int Offset, string Sign)> { (states, 0, "+") };
            if (lambda is not null && gradient is not null)
            {
                carried.Add((lambda, _n, "-"));
                carried.Add((gradient, 2 * _n, "-"));
            }

            foreach ((Carried values, int offset, string _) in carried)
            {
                for (int c = 0; c < values.Start.Length; c++)
                {
                    _w.Line($"{vectorType} {values.Start[c]} = {block}[{names.Element(offset + c)}];");
                }
            }

            _w.Line();
            foreach (string line in lines)
            {
                _w.Line(line);
            }

            foreach ((Carried values, int offset, string sign) in carried)
            {
                for (int c = 0; c < values.Start.Length; c++)
                {
                    _w.Line($"{block}[{names.Element(offset + c)}] = {values.Combination(c, solutionWeights, Stages, sign)};");
                }
            }

            _w.Close();
            _w.Close();
            _w.Close();
        }

        /// <summary>
        /// Writes the discrete adjoint's sweep back through recorded steps (<c>FourStageReverseStepsLanes</c>): per step,
        /// from the last to the first, and per vector, from the last stage down, the stage rate
        /// <c>K̄_j = (b_j λ + Σ_{l&gt;j} a_lj Ȳ_l)·h</c> (a zero <c>a_lj</c>'s term left out, as the generic sweep leaves it
        /// out), then <c>Ȳ_j</c> and the parameter part from the product at the recorded stage state, the parameter parts
        /// added to the lane's gradient stage by stage, and finally <c>λ + Ȳ_0 + … + Ȳ_3</c>.
        /// </summary>
        private void FourStageReverseKernel(string name, int[] products, bool wide)
        {
            var names = new KernelNames(UserScope(), wide, "record", "adjoint", "gradient");
            Identifiers identifiers = names.Identifiers;
            (string vectorType, string vector, string method, string start, string stop, string steps, string parameters) =
                (names.VectorType, names.Vector, names.Method, names.Start, names.Stop, names.Steps, names.Parameters);
            (string record, string adjoint, string gradient) = (names.Spans[0], names.Spans[1], names.Spans[2]);
            (string count, string stepSize) = (names.Count, names.StepSize);
            string stepVector = identifiers.Introduce("stepVector");

            Header(
                name,
                $"{names.Signature}, global::System.ReadOnlySpan<{vectorType}> {record}, global::System.Span<{vectorType}> {adjoint}, global::System.Span<{vectorType}> {gradient}");
            _w.Line($"global::System.ArgumentNullException.ThrowIfNull({method});");
            _w.Line($"int {count} = global::NeuralOdeGen.LaneBlock.CountOf({adjoint}.Length, {Index(_n)}, nameof({adjoint}));");
            string gradientLength = _m switch
            {
                0 => "0",
                1 => count,
                _ => $"{Index(_m)} * {count}",
            };
            _w.Line($"global::NeuralOdeGen.LaneBlock.Require({gradient}.Length, {gradientLength}, nameof({gradient}));");
            CheckLength(parameters, _m);
            _w.Line();
            _w.Line($"double {stepSize} = {FourStageMethod}.StepSize({start}, {stop}, {steps});");
            _w.Line($"global::NeuralOdeGen.LaneBlock.Require({record}.Length, {steps} * {Index(Stages * _n)} * {count}, nameof({record}));");
            _w.Line();

            // The sweep's weights are b_j and a_lj themselves; the step multiplies each stage rate last.
            _w.Line($"{vectorType} {stepVector} = {vector}.Create({stepSize});");
            string[] solutionWeights = new string[Stages];
            for (int j = 0; j < Stages; j++)
            {
                solutionWeights[j] = identifiers.Introduce($"solutionWeight{Index(j)}");
                _w.Line($"{vectorType} {solutionWeights[j]} = {vector}.Create({method}.B{Index(j)});");
            }

            string[,] couplings = new string[Stages, Stages];
            string[,] coupled = new string[Stages, Stages];
            for (int l = 1; l < Stages; l++)
            {
                for (int j = 0; j < l; j++)
                {
                    couplings[l, j] = identifiers.Introduce($"stageWeight{Index(l)}{Index(j)}");
                    _w.Line($"{vectorType} {couplings[l, j]} = {vector}.Create({method}.A{Index(l)}{Index(j)});");
                }
            }

            for (int l = 1; l < Stages; l++)
            {
                for (int j = 0; j < l; j++)
                {
                    coupled[l, j] = identifiers.Introduce($"coupled{Index(l)}{Index(j)}");
                    _w.Line($"bool {coupled[l, j]} = {method}.A{Index(l)}{Index(j)} != 0.0;");
                }
            }

            string[] x = StateLocals(identifiers);
            string[] parameterLocals = ParameterLocals(identifiers);
            string[] lambda = x.Select(local => identifiers.Introduce(local + "Adjoint")).ToArray();
            string[] sums = parameterLocals.Select(local => identifiers.Introduce(local + "Gradient")).ToArray();
            string[][] stageStates = new string[Stages][];
            string[][] rates = new string[Stages][];
            string[][] stageAdjoints = new string[Stages][];
            string[][] parameterParts = new string[Stages][];
            for (int j = 0; j < Stages; j++)
            {
                stageStates[j] = x.Select(local => identifiers.Introduce($"{local}Stage{Index(j)}")).ToArray();
                rates[j] = x.Select(local => identifiers.Introduce($"{local}RateAdjoint{Index(j)}")).ToArray();
                stageAdjoints[j] = x.Select(local => identifiers.Introduce($"{local}StageAdjoint{Index(j)}")).ToArray();
                parameterParts[j] = parameterLocals.Select(local => identifiers.Introduce($"{local}GradientStage{Index(j)}")).ToArray();
            }

            StagedLaneBody body = StagedBody(names, products, parameterLocals);
            var lines = new List<string>();
            for (int j = Stages - 1; j >= 0; j--)
            {
                lines.Add($"// Stage {Index(j)}.");
                for (int c = 0; c < _n; c++)
                {
                    lines.Add($"{vectorType} {stageStates[j][c]} = {record}[{names.Row} + {Index((j * _n) + c)} * {count} + {names.Index}];");
                }

                for (int c = 0; c < _n; c++)
                {
                    lines.Add($"{vectorType} {rates[j][c]} = {solutionWeights[j]} * {lambda[c]};");
                    for (int l = j + 1; l < Stages; l++)
                    {
                        lines.Add($"if ({coupled[l, j]})");
                        lines.Add("{");
                        lines.Add($"    {rates[j][c]} += {couplings[l, j]} * {stageAdjoints[l][c]};");
                        lines.Add("}");
                        lines.Add(string.Empty);
                    }

                    lines.Add($"{rates[j][c]} *= {stepVector};");
                }

                int stage = j;
                lines.AddRange(body.Stage(
                    node => node.Kind switch
                    {
                        NodeKind.State => stageStates[stage][node.A],
                        NodeKind.Time => names.StageTimes[stage],
                        _ => rates[stage][node.B],
                    },
                    stageAdjoints[j].Concat(parameterParts[j]).ToArray()));
                for (int q = 0; q < _m; q++)
                {
                    lines.Add($"{sums[q]} += {parameterParts[j][q]};");
                }

                lines.Add(string.Empty);
            }

            OpenKernelLoops(body, names, products, backwards: true, recorded: true);
            for (int c = 0; c < _n; c++)
            {
                _w.Line($"{vectorType} {lambda[c]} = {adjoint}[{names.Element(c)}];");
            }

            for (int q = 0; q < _m; q++)
            {
                _w.Line($"{vectorType} {sums[q]} = {gradient}[{names.Element(q)}];");
            }

            _w.Line();
            foreach (string line in lines)
            {
                _w.Line(line);
            }

            for (int c = 0; c < _n; c++)
            {
                var sum = new System.Text.StringBuilder(lambda[c]);
                for (int j = 0; j < Stages; j++)
                {
                    sum.Append(" + ").Append(stageAdjoints[j][c]);
                }

                _w.Line($"{adjoint}[{names.Element(c)}] = {sum};");
            }

            for (int q = 0; q < _m; q++)
            {
                _w.Line($"{gradient}[{names.Element(q)}] = {sums[q]};");
            }

            _w.Close();
            _w.Close();
            _w.Close();
        }

        /// <summary>The body of <paramref name="outputs"/>, the parameters broadcast into their locals.</summary>
        private StagedLaneBody StagedBody(KernelNames names, IReadOnlyList<int> outputs, string[] parameterLocals) => new(
            _symbolic.Graph,
            outputs,
            names.Identifiers,
            node => parameterLocals[node.A],
            node => $"{names.Vector}.Create({names.Parameters}[{Index(node.A)}])",
            _model.CustomFunctions,
            names.Wide);

        /// <summary>
        /// Writes the shared broadcasts and temporaries, then opens the loop over the steps (forwards, or from the last step
        /// back) with the record's row of the step where there is a record and, for a body that reads the time, each
        /// stage's time (the step's start plus <c>c_i·h</c>, as the generic steps form it), and the loop over the block's vectors.
        /// </summary>
        private void OpenKernelLoops(StagedLaneBody body, KernelNames names, IEnumerable<int> outputs, bool backwards, bool recorded)
        {
            foreach (string line in body.Invariants)
            {
                _w.Line(line);
            }

            _w.Line();
            _w.Line(backwards
                ? $"for (int {names.Step} = {names.Steps} - 1; {names.Step} >= 0; {names.Step}--)"
                : $"for (int {names.Step} = 0; {names.Step} < {names.Steps}; {names.Step}++)");
            _w.Open();
            if (recorded)
            {
                _w.Line($"int {names.Row} = {names.Step} * {Index(Stages * _n)} * {names.Count};");
            }

            if (StagedLaneBody.ReadsTime(_symbolic.Graph, outputs))
            {
                // The forward steps evaluate stage 0 at the step's start itself; the reverse sweep at start + c_0·h.
                string start = $"{names.Start} + {names.Step} * {names.StepSize}";
                _w.Line(backwards
                    ? $"double {names.Time} = {start};"
                    : $"double {names.Time} = {names.Step} == 0 ? {names.Start} : {start};");
                for (int i = 0; i < Stages; i++)
                {
                    string time = i == 0 && !backwards ? names.Time : $"{names.Time} + {names.Method}.C{Index(i)} * {names.StepSize}";
                    _w.Line($"{names.VectorType} {names.StageTimes[i]} = {names.Vector}.Create({time});");
                }

                _w.Line();
            }

            _w.Line($"for (int {names.Index} = 0; {names.Index} < {names.Count}; {names.Index}++)");
            _w.Open();
        }
    }

    /// <summary>
    /// The names every kernel declares, introduced in one order (the user's names come first), the vector type of its
    /// width, and the block element of a component: component <c>i</c> of vector <c>k</c> is <c>i × count + k</c>.
    /// </summary>
    private sealed class KernelNames
    {
        public KernelNames(Identifiers identifiers, bool wide, params string[] spans)
        {
            Identifiers = identifiers;
            Wide = wide;
            VectorType = wide ? VectorPrinter.WideVectorType : VectorPrinter.VectorType;
            Vector = wide ? VectorPrinter.WideVector : VectorPrinter.Vector;
            Method = identifiers.Introduce("method");
            Start = identifiers.Introduce("start");
            Stop = identifiers.Introduce("stop");
            Steps = identifiers.Introduce("steps");
            Parameters = identifiers.Introduce("parameters");
            Spans = spans.Select(identifiers.Introduce).ToArray();
            Count = identifiers.Introduce("count");
            Step = identifiers.Introduce("step");
            Row = identifiers.Introduce("row");
            Index = identifiers.Introduce("k");
            StepSize = identifiers.Introduce("stepSize");
            Time = identifiers.Introduce("time");
            StageTimes = Enumerable.Range(0, Stages).Select(i => identifiers.Introduce($"stageTime{i}")).ToArray();
        }

        public Identifiers Identifiers { get; }

        /// <summary>Gets a value indicating whether the kernel is eight lanes wide.</summary>
        public bool Wide { get; }

        public string VectorType { get; }

        public string Vector { get; }

        public string Method { get; }

        public string Start { get; }

        public string Stop { get; }

        public string Steps { get; }

        public string Parameters { get; }

        /// <summary>Gets the kernel's own spans, in the order given.</summary>
        public string[] Spans { get; }

        public string Count { get; }

        public string Step { get; }

        public string Row { get; }

        public string Index { get; }

        public string StepSize { get; }

        /// <summary>Gets the step's start time (declared only when the body reads the time).</summary>
        public string Time { get; }

        /// <summary>Gets the stages' times, broadcast.</summary>
        public string[] StageTimes { get; }

        /// <summary>Gets the arguments every kernel starts with.</summary>
        public string Signature => $"{FourStageMethod} {Method}, double {Start}, double {Stop}, int {Steps}, {ReadOnlySpan} {Parameters}";

        public string Element(int component) => component switch
        {
            0 => Index,
            1 => $"{Count} + {Index}",
            _ => $"{component.ToString(System.Globalization.CultureInfo.InvariantCulture)} * {Count} + {Index}",
        };
    }

    /// <summary>The forward kernels: plain steps, steps that record their stage states, the adjoint system's steps.</summary>
    private enum StepKind
    {
        Steps,
        RecordedSteps,
        AdjointSteps,
    }

    /// <summary>
    /// The locals of components carried through a step: the value at the step's start, the stage states of stages 1–3
    /// (stage 0 reads the start), and the rates of stages 0–3.
    /// </summary>
    private sealed class Carried
    {
        private Carried(string[] start, string[][] stages, string[][] rates)
        {
            Start = start;
            Stages = stages;
            Rates = rates;
        }

        public string[] Start { get; }

        /// <summary>Gets the stage states: <c>Stages[i][c]</c> for stage <c>i</c> ≥ 1 (row 0 is <see cref="Start"/>).</summary>
        public string[][] Stages { get; }

        public string[][] Rates { get; }

        /// <param name="identifiers">The method's names.</param>
        /// <param name="names">The components' names, from which the locals are named.</param>
        /// <param name="startReserved">Whether <paramref name="names"/> are already the start locals' names (the state locals).</param>
        /// <param name="withStages">Whether the components need stage states (every rate reads them but <c>z</c>'s).</param>
        public static Carried Of(Identifiers identifiers, string[] names, bool startReserved = false, bool withStages = true)
        {
            string[] start = startReserved ? names : names.Select(identifiers.Introduce).ToArray();
            string[][] stages = new string[ModelEmitter.Stages][];
            string[][] rates = new string[ModelEmitter.Stages][];
            stages[0] = start;
            for (int i = 0; i < ModelEmitter.Stages; i++)
            {
                if (i > 0)
                {
                    stages[i] = withStages ? names.Select(name => identifiers.Introduce($"{name}Stage{Index(i)}")).ToArray() : System.Array.Empty<string>();
                }

                rates[i] = names.Select(name => identifiers.Introduce($"{name}Rate{Index(i)}")).ToArray();
            }

            return new Carried(start, stages, rates);
        }

        public string[] Stage(int i) => Stages[i];

        /// <summary>Adds <c>{stage i} = start {sign} w_i0·rate_0 {sign} …</c> per component, left to right.</summary>
        public void StageState(List<string> lines, string vectorType, int i, string[] weights, string sign)
        {
            for (int c = 0; c < Start.Length; c++)
            {
                lines.Add($"{vectorType} {Stages[i][c]} = {Combination(c, weights, i, sign)};");
            }
        }

        /// <summary>Gets <c>start {sign} w_0·rate_0 {sign} … {sign} w_{terms−1}·rate_{terms−1}</c> for component <paramref name="c"/>.</summary>
        public string Combination(int c, string[] weights, int terms, string sign)
        {
            var text = new System.Text.StringBuilder(Start[c]);
            for (int j = 0; j < terms; j++)
            {
                text.Append($" {sign} {weights[j]} * {Rates[j][c]}");
            }

            return text.ToString();
        }

        private static string Index(int i) => i.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
