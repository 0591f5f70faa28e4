"""The `capacity-eval` command line: a thin layer over the public API.

`main` runs the typer application and is the one place where exceptions become exit
codes: 0 success, 1 invalid input, 2 wrong usage, 130 interrupted.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script; returns (and exits with) the exit code."""
    code = run(sys.argv[1:] if argv is None else argv)
    if argv is None:
        sys.exit(code)
    return code


def run(args: list[str]) -> int:
    import typer

    from ..errors import InvalidInput, UserError
    from ..i18n import t
    from .app import app, state
    from .output import print_problems, stderr_line

    try:
        result = app(args=args, standalone_mode=False, prog_name="capacity-eval")
    except typer.Exit as exc:
        return int(exc.exit_code or 0)
    except (typer.Abort, KeyboardInterrupt):
        stderr_line(t("cli.interrupted"))
        return 130
    except typer.TyperException as exc:  # usage errors of the vendored click (exit code 2)
        show = getattr(exc, "show", None)
        if callable(show):
            show()
        else:
            stderr_line(t("cli.error", message=str(exc)))
        return int(getattr(exc, "exit_code", 2))
    except InvalidInput as exc:
        print_problems(exc.problems)
        return exc.exit_code
    except UserError as exc:
        stderr_line(t("cli.error", message=str(exc)))
        return exc.exit_code
    except BrokenPipeError:
        _silence_stdout()
        return 1
    except Exception as exc:  # a bug: say so in one line, unless --debug asks for the trace
        if state.debug or os.environ.get("CAPACITY_EVAL_DEBUG"):
            raise
        stderr_line(t("cli.internal_error", kind=type(exc).__name__, message=str(exc)))
        return 70
    return int(result) if isinstance(result, int) else 0


def _silence_stdout() -> None:
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
