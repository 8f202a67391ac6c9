"""Times torchdiffeq on exactly the workloads of the project's peer benchmarks (see README.md beside this file).

Every workload is one gradient (forward solve, loss, backward), float64, on the number of threads given (default 1),
in two modes: `backprop` (odeint, autograd through the solver's operations) and `adjoint` (odeint_adjoint).
Prints one line per cell and writes a JSON file (--out) that ratio_table.py reads.

Needs Debian's python3-torch and torchdiffeq's source on PYTHONPATH (run.sh sets it from $TORCHDIFFEQ_SRC).
"""
import argparse
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import time

import torch

try:
    from torchdiffeq import odeint, odeint_adjoint
except ImportError:
    sys.exit("torchdiffeq is not importable: see benchmarks/peers/README.md (TORCHDIFFEQ_SRC)")

torch.set_default_dtype(torch.float64)


class Linear(torch.nn.Module):
    """The paper's model f(x) = a·x, a0 = 0.5."""

    def __init__(self):
        super().__init__()
        self.a = torch.nn.Parameter(torch.tensor(0.5))

    def forward(self, t, x):
        return self.a * x


class LotkaVolterra(torch.nn.Module):
    """(α, β, δ, γ) as one parameter vector, like the runtime's θ."""

    def __init__(self, theta):
        super().__init__()
        self.theta = torch.nn.Parameter(torch.tensor(theta))

    def forward(self, t, y):
        alpha, beta, delta, gamma = self.theta
        prey, predator = y[:, 0], y[:, 1]
        return torch.stack((alpha * prey - beta * prey * predator, delta * prey * predator - gamma * predator), dim=1)


class SpiralTruth(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.A = torch.tensor([[-0.1, 2.0], [-2.0, -0.1]])

    def forward(self, t, y):
        return torch.mm(y ** 3, self.A)


class SpiralNet(torch.nn.Module):
    """torchdiffeq's examples/ode_demo.py network: Linear(2, 50) → tanh → Linear(50, 2) on y³."""

    def __init__(self):
        super().__init__()
        self.net = torch.nn.Sequential(torch.nn.Linear(2, 50), torch.nn.Tanh(), torch.nn.Linear(50, 2))
        for m in self.net.modules():
            if isinstance(m, torch.nn.Linear):
                torch.nn.init.normal_(m.weight, mean=0, std=0.1)
                torch.nn.init.constant_(m.bias, val=0)

    def forward(self, t, y):
        return self.net(y ** 3)


class SpiralWideNet(torch.nn.Module):
    """`neuralode train spiral-wide`'s network: Linear(2, 160) → tanh → Linear(160, 160) → tanh → Linear(160, 2) on y³."""

    def __init__(self):
        super().__init__()
        self.net = torch.nn.Sequential(
            torch.nn.Linear(2, 160), torch.nn.Tanh(), torch.nn.Linear(160, 160), torch.nn.Tanh(), torch.nn.Linear(160, 2))
        for m in self.net.modules():
            if isinstance(m, torch.nn.Linear):
                torch.nn.init.normal_(m.weight, mean=0, std=0.1)
                torch.nn.init.constant_(m.bias, val=0)

    def forward(self, t, y):
        return self.net(y ** 3)


def paper(n, solver):
    g = torch.Generator().manual_seed(42)
    x0 = torch.randn(n, generator=g)
    target = math.exp(-1.0) * x0
    f = Linear()
    t = torch.tensor([0.0, 1.0])
    options = dict(method="rk4", options=dict(step_size=0.01)) if solver == "rk4" else dict(method="dopri5", rtol=1e-8, atol=1e-8)

    def gradient(solve):
        f.zero_grad()
        xt = solve(f, x0, t, **options)[-1]
        loss = 0.5 * ((xt - target) ** 2).mean()
        loss.backward()
        return loss.item(), f.a.grad.item()

    return gradient


def lotka_volterra(n):
    i = torch.arange(1, n + 1, dtype=torch.float64)
    y0 = torch.stack((1.0 + 0.5 * torch.sin(i), 1.0 + 0.5 * torch.cos(i)), dim=1)
    t = torch.tensor([0.5 * k for k in range(0, 21)])
    with torch.no_grad():
        targets = odeint(LotkaVolterra([1.5, 1.0, 1.0, 3.0]), y0, t, method="dopri5", rtol=1e-12, atol=1e-12)[1:]
    f = LotkaVolterra([1.4, 1.1, 0.9, 3.1])

    def gradient(solve):
        f.zero_grad()
        pred = solve(f, y0, t, method="dopri5", rtol=1e-8, atol=1e-8)[1:]
        loss = 0.5 * ((pred - targets) ** 2).sum(-1).mean()
        loss.backward()
        return loss.item(), f.theta.grad[0].item()

    return gradient


def spiral(net=SpiralNet):
    """One iteration of the demo (batch, solve, loss, backward, RMSprop step), from the same weights every call."""
    import numpy as np

    t = torch.linspace(0.0, 25.0, 1000)
    with torch.no_grad():
        true_y = odeint(SpiralTruth(), torch.tensor([[2.0, 0.0]]), t, method="dopri5")
    rng = np.random.RandomState(0)
    s = torch.from_numpy(rng.choice(np.arange(1000 - 10, dtype=np.int64), 20, replace=False))
    batch_y0, batch_t = true_y[s], t[:10]
    batch_y = torch.stack([true_y[s + i] for i in range(10)], dim=0)
    torch.manual_seed(0)
    f = net()
    initial = {k: v.clone() for k, v in f.state_dict().items()}

    def gradient(solve):
        f.load_state_dict(initial)
        opt = torch.optim.RMSprop(f.parameters(), lr=1e-3)
        opt.zero_grad()
        pred = solve(f, batch_y0, batch_t, method="dopri5")
        loss = torch.mean(torch.abs(pred - batch_y))
        loss.backward()
        opt.step()
        return loss.item(), next(f.parameters()).grad.flatten()[0].item()

    return gradient


WORKLOADS = {
    "paper-rk4-1000": lambda: paper(1_000, "rk4"),
    "paper-rk4-100000": lambda: paper(100_000, "rk4"),
    "paper-dopri5-1000": lambda: paper(1_000, "dopri5"),
    "lotka-volterra-trajectory-1000": lambda: lotka_volterra(1_000),
    "spiral-iteration": spiral,
    "spiral-wide-iteration": lambda: spiral(SpiralWideNet),
}


def time_cell(gradient, solve, min_reps, min_seconds):
    for _ in range(2):
        gradient(solve)
    times, total = [], 0.0
    while len(times) < min_reps or (total < min_seconds and len(times) < 200):
        start = time.perf_counter()
        loss, grad0 = gradient(solve)
        elapsed = time.perf_counter() - start
        times.append(elapsed)
        total += elapsed
    return loss, grad0, times


def environment():
    cpu = None
    try:
        for line in subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines():
            if line.startswith("Model name:"):
                cpu = line.split(":", 1)[1].strip()
    except OSError:
        pass
    src = os.environ.get("TORCHDIFFEQ_SRC", "")
    commit_file = os.path.join(src, "COMMIT")
    return {
        "torch": torch.__version__,
        "python": sys.version.split()[0],
        "torchdiffeq_commit": open(commit_file).read().strip() if os.path.exists(commit_file) else None,
        "cpu": cpu,
        "platform": platform.platform(),
    }


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--workloads", default=",".join(WORKLOADS))
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--min-reps", type=int, default=5)
    p.add_argument("--min-seconds", type=float, default=3.0)
    p.add_argument("--out", required=True)
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    rows = []
    for name in args.workloads.split(","):
        gradient = WORKLOADS[name]()
        for mode, solve in (("backprop", odeint), ("adjoint", odeint_adjoint)):
            loss, grad0, times = time_cell(gradient, solve, args.min_reps, args.min_seconds)
            row = dict(workload=name, mode=mode, threads=args.threads, loss=loss, gradient0=grad0, reps=len(times),
                       median_ms=statistics.median(times) * 1e3, min_ms=min(times) * 1e3, max_ms=max(times) * 1e3)
            rows.append(row)
            print(f"torchdiffeq {name:32s} {mode:8s} median {row['median_ms']:10.3f} ms  (min {row['min_ms']:.3f}, "
                  f"{len(times)} reps)  loss {loss:.12g}", flush=True)
    with open(args.out, "w") as f:
        json.dump(dict(environment=environment(), rows=rows), f, indent=2)


if __name__ == "__main__":
    main()
