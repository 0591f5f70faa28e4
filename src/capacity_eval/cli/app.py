"""The typer application. Each command lives in its own module (`cmd_*.py`), which
declares its options and imports the work it does only when it runs, so that
`capacity-eval --help` stays instant."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module

import typer

from .. import __version__


@dataclass
class State:
    debug: bool = False


state = State()

app = typer.Typer(
    name="capacity-eval",
    help="Assess the institutional capacity of public-security institutions: validate "
    "instruments and responses, fill in questionnaires, score, explain, report, "
    "batch-score and compare.",
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"capacity-eval {__version__}")
        raise typer.Exit(0)


@app.callback()
def main_options(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
    debug: bool = typer.Option(False, "--debug", help="Show a traceback on internal errors."),
) -> None:
    state.debug = debug


COMMAND_MODULES = ["validate", "schema", "score", "explain", "fill", "report", "compare", "batch"]

for _name in COMMAND_MODULES:
    import_module(f".cmd_{_name}", __package__).register(app)
