using System;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace NeuralOdeGen;

/// <summary>
/// Runs a sensitivity method over all samples, in parallel, with a reduction order that does not depend on the
/// thread count: samples are cut into fixed blocks, each block sums its samples in order into its own partial
/// sums, and the partials are added in block order. Workspaces are per worker and reused across calls.
/// </summary>
internal sealed class BatchGradientEngine<TModel>
    where TModel : struct, IOdeModel<TModel>
{
    private readonly Dataset _data;
    private readonly ObservedStateRecorder _recorder;
    private readonly SensitivityWorkspace<TModel>[] _workspaces;
    private readonly double[] _blockLosses;
    private readonly double[] _blockGradients;

    // Each worker's running sums for the block it is on, copied into _blockGradients when the block ends: the sums are
    // updated once per sample, and the blocks' slots in _blockGradients share cache lines (one double per block for a
    // one-parameter model), which the two workers of adjacent blocks then took from each other on every sample.
    private readonly double[][] _workerPartials;
    private readonly double[] _parameters;
    private readonly int _blockSize;
    private readonly int _blockCount;

    // Per block: the m parameter partials, then (with time gradients) K observation-time partials and the start time's.
    private readonly int _timeGradientCount;
    private readonly int _blockStride;
    private readonly HelperWorker[] _helpers;
    private readonly ManualResetEventSlim _helpersDone = new(initialState: false);
    private readonly Lock _failureLock = new();
    private GradientResult? _target;
    // Each worker owns a contiguous range of blocks and takes the next one of its own range, then of the others'
    // (a helper that has not started loses its range to the others). With the same ranges every call, each core writes
    // the same part of the result buffers each time and finds those lines in its own cache; claimed one shared counter
    // at a time, a block's lines had been written by the other core in the last call (0.5–1.2 ms per thread at
    // N = 100 000). Counters sit a cache line apart; ends are fixed.
    private const int CounterStride = 16;
    private readonly int[] _rangeNext;
    private readonly int[] _rangeStart;
    private readonly int[] _rangeEnd;
    private int _runningHelpers;
    private Exception? _failure;

    // Initial states a caller passed in place of the dataset's (trainable initial states), allocated on first use.
    private double[]? _replacedInitialStates;
    private bool _usesReplacedInitialStates;

    public BatchGradientEngine(Dataset data, ILoss loss, OdeSolver solver, ISensitivityMethod method, int maxDegreeOfParallelism)
        : this(data, loss, solver, method, maxDegreeOfParallelism, GradientOptions.None)
    {
    }

    public BatchGradientEngine(Dataset data, ILoss loss, OdeSolver solver, ISensitivityMethod method, int maxDegreeOfParallelism, GradientOptions options)
    {
        _data = data;
        _recorder = new ObservedStateRecorder(loss);
        int degree = maxDegreeOfParallelism > 0 ? maxDegreeOfParallelism : Environment.ProcessorCount;
        _blockSize = SampleBlocks.SizeFor(data.SampleCount);
        _blockCount = (data.SampleCount + _blockSize - 1) / _blockSize;
        degree = Math.Max(1, Math.Min(degree, _blockCount));
        _workspaces = new SensitivityWorkspace<TModel>[degree];
        for (int w = 0; w < degree; w++)
        {
            _workspaces[w] = method.CreateWorkspace<TModel>(solver, _recorder, options);
        }

        _timeGradientCount = options.TimeGradients ? loss.ObservationTimes.Length + 1 : 0;
        _blockStride = TModel.ParameterCount + _timeGradientCount;
        _blockLosses = new double[_blockCount];
        _blockGradients = new double[_blockCount * _blockStride];
        _rangeNext = new int[degree * CounterStride];
        _rangeStart = new int[degree];
        _rangeEnd = new int[degree];
        for (int w = 0; w < degree; w++)
        {
            _rangeStart[w] = (int)((long)w * _blockCount / degree);
            _rangeEnd[w] = (int)((long)(w + 1) * _blockCount / degree);
        }

        _workerPartials = new double[degree][];
        for (int w = 0; w < degree; w++)
        {
            _workerPartials[w] = new double[_blockStride];
        }

        _parameters = new double[TModel.ParameterCount];
        _helpers = new HelperWorker[degree - 1];
        for (int w = 1; w < degree; w++)
        {
            _helpers[w - 1] = new HelperWorker(this, w);
        }
    }

    public int DegreeOfParallelism => _workspaces.Length;

    public void Compute(ReadOnlySpan<double> parameters, GradientResult result) => Compute(parameters, [], result);

    /// <summary>
    /// Computes the loss and gradients into <paramref name="result"/>, from <paramref name="initialStates"/> (row-major
    /// <c>N×n</c>, copied) instead of the dataset's when it is not empty.
    /// </summary>
    public void Compute(ReadOnlySpan<double> parameters, ReadOnlySpan<double> initialStates, GradientResult result)
    {
        parameters.CopyTo(_parameters);
        _usesReplacedInitialStates = !initialStates.IsEmpty;
        if (_usesReplacedInitialStates)
        {
            _replacedInitialStates ??= new double[_data.InitialStates.Length];
            initialStates.CopyTo(_replacedInitialStates);
        }

        foreach (SensitivityWorkspace<TModel> workspace in _workspaces)
        {
            workspace.ResetStatistics();
        }

        _target = result;
        _recorder.Target = result.ObservationCount == _recorder.ObservationTimes.Length ? result.ObservedStateBuffer : null;
        for (int w = 0; w < _rangeStart.Length; w++)
        {
            _rangeNext[w * CounterStride] = _rangeStart[w];
        }

        _failure = null;
        try
        {
            RunAllWorkers();
        }
        finally
        {
            _target = null;
            _recorder.Target = null;
        }

        if (_failure is not null)
        {
            ExceptionDispatchInfo.Capture(_failure).Throw();
        }

        int m = TModel.ParameterCount;
        Span<double> gradient = result.GradientBuffer;
        gradient.Clear();
        double loss = 0.0;
        for (int block = 0; block < _blockCount; block++)
        {
            loss += _blockLosses[block];
            ReadOnlySpan<double> partial = _blockGradients.AsSpan(block * _blockStride, m);
            for (int k = 0; k < m; k++)
            {
                gradient[k] += partial[k];
            }
        }

        if (_timeGradientCount > 0)
        {
            ReduceTimeGradients(result);
        }

        SolverStatistics statistics = default;
        foreach (SensitivityWorkspace<TModel> workspace in _workspaces)
        {
            statistics += workspace.Statistics;
        }

        result.Loss = loss;
        result.Horizon = _recorder.ObservationTimes[^1];
        result.Statistics = statistics;
    }

    // The observation times' partials into the result, the start time's into its own property, in block order.
    private void ReduceTimeGradients(GradientResult result)
    {
        int m = TModel.ParameterCount;
        int observations = _timeGradientCount - 1;
        Span<double> timeGradients = result.ObservationTimeGradientBuffer;
        timeGradients.Clear();
        double startTimeGradient = 0.0;
        for (int block = 0; block < _blockCount; block++)
        {
            ReadOnlySpan<double> partial = _blockGradients.AsSpan((block * _blockStride) + m, _timeGradientCount);
            for (int k = 0; k < observations; k++)
            {
                timeGradients[k] += partial[k];
            }

            startTimeGradient += partial[observations];
        }

        result.StartTimeGradient = startTimeGradient;
    }

    // The calling thread is worker 0; the others run as preallocated thread-pool work items, so a call allocates
    // nothing (Parallel.For allocates its task and closure state on every call). A helper the pool has not started
    // by the time the caller ran out of blocks is withdrawn rather than waited for, so a busy pool costs nothing.
    private void RunAllWorkers()
    {
        if (_helpers.Length == 0)
        {
            RunWorkerCapturingFailure(0);
            return;
        }

        _helpersDone.Reset();
        Volatile.Write(ref _runningHelpers, _helpers.Length);
        foreach (HelperWorker helper in _helpers)
        {
            helper.Queue();
        }

        RunWorkerCapturingFailure(0);
        foreach (HelperWorker helper in _helpers)
        {
            if (helper.TryWithdraw())
            {
                HelperFinished();
            }
        }

        _helpersDone.Wait();
    }

    private void HelperFinished()
    {
        if (Interlocked.Decrement(ref _runningHelpers) == 0)
        {
            _helpersDone.Set();
        }
    }

    private void RunWorkerCapturingFailure(int worker)
    {
        try
        {
            RunWorker(worker);
        }
        catch (Exception failure)
        {
            RecordFailure(failure);
        }
    }

    // With several failing samples the report names the first one, whichever thread met it first.
    private void RecordFailure(Exception failure)
    {
        lock (_failureLock)
        {
            if (_failure is null || (failure is OdeSolverException { Sample: int sample } && _failure is OdeSolverException { Sample: int kept } && sample < kept))
            {
                _failure = failure;
            }
        }

        // Leave the remaining blocks unclaimed: the call fails anyway.
        for (int w = 0; w < _rangeEnd.Length; w++)
        {
            Interlocked.Exchange(ref _rangeNext[w * CounterStride], _rangeEnd[w]);
        }
    }

    private void RunWorker(int worker)
    {
        SensitivityWorkspace<TModel> workspace = _workspaces[worker];
        GradientResult result = _target!;
        int n = TModel.StateCount;
        int m = TModel.ParameterCount;
        int sampleCount = _data.SampleCount;
        bool wantsSensitivities = result.HasSensitivities;
        bool wantsInitialStateGradients = result.HasInitialStateGradients;
        ReadOnlySpan<double> initialStates = _usesReplacedInitialStates ? _replacedInitialStates : _data.InitialStates;
        while (true)
        {
            int block = ClaimBlock(worker);
            if (block < 0)
            {
                return;
            }

            Span<double> partials = _workerPartials[worker];
            Span<double> partialGradient = partials[..m];
            Span<double> partialTimeGradients = partials.Slice(m, _timeGradientCount);
            partials.Clear();
            double partialLoss = 0.0;
            int end = Math.Min(sampleCount, (block + 1) * _blockSize);
            int sample = block * _blockSize;
            int lanes = (wantsSensitivities && !workspace.ComputesLaneSensitivities) || (_timeGradientCount > 0 && !workspace.ComputesLaneTimeGradients)
                ? 1
                : workspace.LaneCount;
            if (lanes > 1)
            {
                // Groups of samples solved together give the same bits; a failing group is redone one by one below.
                while (sample < end && (sample + lanes <= end || workspace.FillsPartialGroups))
                {
                    int count = Math.Min(lanes, end - sample);
                    try
                    {
                        workspace.ComputeLanes(
                            sample,
                            initialStates.Slice(sample * n, count * n),
                            _parameters,
                            ref partialLoss,
                            partialGradient,
                            result.TerminalStateBuffer.Slice(sample * n, count * n),
                            wantsInitialStateGradients ? result.InitialStateGradientBuffer.Slice(sample * n, count * n) : [],
                            wantsSensitivities ? result.SensitivityBuffer.Slice(sample * n * m, count * n * m) : [],
                            partialTimeGradients);
                    }
                    catch (OdeSolverException)
                    {
                        break;
                    }

                    sample += count;
                }
            }

            for (; sample < end; sample++)
            {
                Span<double> sensitivities = wantsSensitivities ? result.SensitivityBuffer.Slice(sample * n * m, n * m) : [];
                try
                {
                    partialLoss += workspace.ComputeSample(
                        sample, initialStates.Slice(sample * n, n), _parameters, partialGradient, result.TerminalStateBuffer.Slice(sample * n, n), sensitivities);
                }
                catch (OdeSolverException failure)
                {
                    throw failure.ForSample(sample);
                }

                if (wantsInitialStateGradients)
                {
                    workspace.InitialStateGradient.CopyTo(result.InitialStateGradientBuffer.Slice(sample * n, n));
                }

                ReadOnlySpan<double> sampleTimeGradients = workspace.TimeGradients;
                for (int k = 0; k < partialTimeGradients.Length; k++)
                {
                    partialTimeGradients[k] += sampleTimeGradients[k];
                }
            }

            _blockLosses[block] = partialLoss;
            partials.CopyTo(_blockGradients.AsSpan(block * _blockStride, _blockStride));
        }
    }

    // The next block of the worker's own range, else of the others' in turn; −1 when none is left.
    private int ClaimBlock(int worker)
    {
        int ranges = _rangeEnd.Length;
        for (int i = 0; i < ranges; i++)
        {
            int range = (worker + i) % ranges;
            int block = Interlocked.Increment(ref _rangeNext[range * CounterStride]) - 1;
            if (block < _rangeEnd[range])
            {
                return block;
            }
        }

        return -1;
    }

    // One extra worker. A stale queue entry from an earlier call may run it during a later call: whichever entry
    // finds it queued does the current call's work, any other entry finds it idle or running and returns.
    private sealed class HelperWorker : IThreadPoolWorkItem
    {
        private const int Idle = 0;
        private const int Queued = 1;
        private const int Running = 2;

        private readonly BatchGradientEngine<TModel> _engine;
        private readonly int _worker;
        private int _state;

        public HelperWorker(BatchGradientEngine<TModel> engine, int worker)
        {
            _engine = engine;
            _worker = worker;
        }

        public void Queue()
        {
            Volatile.Write(ref _state, Queued);
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }

        public bool TryWithdraw() => Interlocked.CompareExchange(ref _state, Idle, Queued) == Queued;

        public void Execute()
        {
            if (Interlocked.CompareExchange(ref _state, Running, Queued) != Queued)
            {
                return;
            }

            _engine.RunWorkerCapturingFailure(_worker);
            Volatile.Write(ref _state, Idle);
            _engine.HelperFinished();
        }
    }
}
