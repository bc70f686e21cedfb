"""``robustness``: how sure each assignment is, from a sweep of perturbed samples solved on
this machine's cores or on a Dask cluster (``--scheduler``)."""

from __future__ import annotations

import argparse
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..common.errors import InputError
from .console import Console, echo, solver_chatter_to_stderr
from .exit_codes import EXIT_OK
from .loading import Datasets, load_scenario

__all__ = ["CONNECT_SECONDS", "robustness_command"]

#: How long ``--scheduler`` may take to answer as a Dask scheduler, in seconds.
CONNECT_SECONDS = 10


@contextmanager
def _sweep_executor(scheduler: str | None) -> Iterator[Any]:
    """A Dask executor on ``scheduler`` (closed at the end), or ``None`` for this machine."""
    if scheduler is None:
        yield None
        return
    try:
        from distributed import Client
    except ImportError:
        raise InputError("--scheduler needs Dask's distributed package", source="--scheduler",
                         fix="pip install 'jazari-planner[distributed]', or drop --scheduler "
                         "to use this machine's cores") from None
    client = _connect(Client, scheduler)
    try:
        yield client.get_executor()
    finally:
        client.close()


def _connect(client_type: Any, scheduler: str) -> Any:
    """A Dask client of ``scheduler`` within :data:`CONNECT_SECONDS`, else InputError.

    ``Client(timeout=…)`` bounds the TCP connection only: a port that accepts but never
    answers (a silent server) keeps it waiting for minutes, and one that answers in another
    protocol (an HTTP server, the dashboard's port) makes it read garbage as a frame length
    and fail with a ``MemoryError``. The client is made in a daemon thread, waited for at
    most the bound, and any failure is one message.
    """
    made: dict[str, Any] = {}

    def connect() -> None:
        try:
            made["client"] = client_type(scheduler, timeout=CONNECT_SECONDS)
        except BaseException as error:  # any failure at all is the same refusal
            made["error"] = error

    thread = threading.Thread(target=connect, name="dask-connect", daemon=True)
    thread.start()
    thread.join(CONNECT_SECONDS + 2)
    if "client" in made:
        return made["client"]
    error = made.get("error")
    if error is None:
        why = f"nothing answered as a Dask scheduler within {CONNECT_SECONDS} s"
    elif isinstance(error, OSError | TimeoutError | ValueError):
        why = str(error)
    else:
        why = f"it answered, but not as a Dask scheduler ({type(error).__name__})"
    raise InputError(f"cannot reach the Dask scheduler {scheduler!r} ({why})",
                     source="--scheduler",
                     fix="start one (dask scheduler; dask worker ADDR) and give its address "
                     "as tcp://HOST:8786 (the scheduler's port, not the dashboard's 8787)")


def robustness_command(args: argparse.Namespace) -> int:
    """Solve the scenario and ``--samples`` perturbed copies, with a progress bar; write the
    acceptability, the confidence and the samples."""
    from tqdm import tqdm

    from ..analysis.robustness import robustness
    from ..export.output_folder import check_output_dir
    from ..export.outputs import write_robustness

    console = Console(quiet=args.quiet)
    loaded = load_scenario(Path(args.scenario), Datasets(), args.overrides)
    check_output_dir(args.out, force=args.force, protect=loaded.inputs)
    console.progress(f"solving {loaded.scenario.name!r}, then {args.samples} perturbed samples "
                     f"(σ {args.weight_spread:g}, ν {args.value_noise:g}, seed {args.seed}) …")
    with _sweep_executor(args.scheduler) as executor, solver_chatter_to_stderr(), \
            tqdm(total=args.samples, unit="sample", file=sys.stderr, disable=args.quiet,
                 dynamic_ncols=True) as bar:
        result = robustness(loaded.scenario, loaded.dataset, samples=args.samples,
                            weight_spread=args.weight_spread, value_noise=args.value_noise,
                            seed=args.seed, executor=executor, jobs=args.jobs,
                            progress=lambda done, _total: bar.update(done - bar.n))
    console.progress(f"  {result.solved} of {args.samples} samples with a plan "
                     f"({result.infeasible} infeasible, {result.limited} at the time limit) "
                     f"in {result.seconds:.1f} s on {result.workers} worker(s)")
    console.progress(f"writing {args.out} …")
    out = write_robustness(result, args.out, overrides=args.overrides, force=args.force,
                           progress=lambda m: console.progress(f"  {m}"))
    locked = result.confidence.loc[result.confidence["locked"]]
    if len(locked):
        console.progress("  locked (fixed by the scenario, not evidence): " + "; ".join(
            f"{r} → {t}" for r, t in zip(locked["region_name"], locked["theme_id"],
                                         strict=True)))
    echo(f"robustness: {loaded.scenario.name}: stable core {len(result.stable_core)} pairs, "
         f"{len(result.contested)} contested, {len(locked)} locked, similarity "
         f"{result.similarity:.2f} -> {out}")
    return EXIT_OK
