"""Long interruption trials: `fill` and `batch` stopped at random moments, many times.

    python bench/trials.py [--fill 60] [--batch 20] [--copies 6] [--pdf] [--seconds 900]
                           [--seed N]

Fill: half the trials send SIGINT, half SIGKILL, to a `fill` driven in a pseudo-terminal,
at a random moment after an answer is typed (sometimes in the middle of its save). After
each, the response file must parse, validate and hold every confirmed answer.

Batch: half SIGTERM, half SIGKILL, at a random moment of a batch over the example
responses (`--copies` of each, with distinct entity ids); every output present must be
whole, and after running the same command again every output must equal that of an
uninterrupted run. Every third trial starts from an empty output folder, the others
from what the last left.

Stops starting new trials after `--seconds`; prints the figures (trials, signals,
failures). Exit code 1 when a trial failed.
"""

from __future__ import annotations

import argparse
import random
import signal
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from tests.adversarial.interrupts import BatchTrials, FillTrials, make_inbox  # noqa: E402


def fill_trials(
    count: int, rng: random.Random, deadline: float, folder: Path
) -> tuple[int, int, FillTrials]:
    trials = FillTrials(folder / "r.yaml", rng)
    done = failed = 0
    for n in range(count):
        if time.monotonic() > deadline:
            break
        signum = signal.SIGINT if n % 2 == 0 else signal.SIGKILL
        try:
            trials.run_one(signum)
        except Exception:  # report every failing trial, go on with a fresh file
            failed += 1
            traceback.print_exc()
            trials = FillTrials(folder / f"r{n}.yaml", rng, counts=trials.counts, late=trials.late)
        done += 1
    return done, failed, trials


def batch_trials(
    count: int, rng: random.Random, deadline: float, folder: Path, pdf: bool, copies: int
) -> tuple[int, int, BatchTrials, int]:
    inbox = make_inbox(folder, ROOT / "examples" / "core", copies=copies)
    trials = BatchTrials(folder, inbox, ROOT / "questionnaires" / "dps-core.yaml", rng, pdf=pdf)
    reference = trials.reference()
    done = failed = 0
    for n in range(count):
        if time.monotonic() > deadline:
            break
        signum = signal.SIGTERM if n % 2 == 0 else signal.SIGKILL
        try:
            trials.run_one(signum, reference, fresh=n % 3 == 0)
        except Exception:
            failed += 1
            traceback.print_exc()
        done += 1
    return done, failed, trials, len(list(inbox.iterdir()))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fill", type=int, default=60, help="fill trials (SIGINT and SIGKILL)")
    parser.add_argument("--batch", type=int, default=20, help="batch trials (SIGTERM and SIGKILL)")
    parser.add_argument(
        "--seconds", type=float, default=900, help="stop starting trials after this"
    )
    parser.add_argument("--pdf", action="store_true", help="batches also write PDF reports")
    parser.add_argument("--copies", type=int, default=6, help="copies of each example response")
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args()
    seed = args.seed if args.seed is not None else random.randrange(10**6)
    rng = random.Random(seed)
    started = time.monotonic()
    deadline = started + args.seconds
    failures = 0
    with tempfile.TemporaryDirectory(prefix="capacity-eval-trials-") as tmp:
        folder = Path(tmp)
        (folder / "fill").mkdir()
        done, failed, fill = fill_trials(args.fill, rng, deadline, folder / "fill")
        failures += failed
        print(
            f"fill:  {done} trials ({fill.counts['SIGINT']} SIGINT, "
            f"{fill.counts['SIGKILL']} SIGKILL), {failed} failed; "
            f"{fill.late} SIGINT took effect only at the next Enter"
        )
        if args.batch:
            done, failed, batch, files = batch_trials(
                args.batch, rng, deadline, folder / "batch", args.pdf, args.copies
            )
            failures += failed
            print(
                f"batch: {done} trials ({batch.counts['SIGTERM']} SIGTERM, "
                f"{batch.counts['SIGKILL']} SIGKILL) on {files} responses"
                f"{' with PDF reports' if args.pdf else ''} (uninterrupted run "
                f"{batch.reference_seconds:.1f} s), {failed} failed; worker processes outlived "
                f"the batch after {batch.orphaned}"
            )
    print(f"seed {seed}; {time.monotonic() - started:.0f} s")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
