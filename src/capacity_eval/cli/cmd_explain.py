"""`capacity-eval explain RESPONSE -i INSTRUMENT [NODE]`: how a score arose."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from .common import lang_option, use_language

if TYPE_CHECKING:
    from rich.tree import Tree

    from ..scoring.explain import Explanation


def register(app: typer.Typer) -> None:
    @app.command("explain")
    def explain(
        response: Path = typer.Argument(..., help="Response file."),
        node: str = typer.Argument("overall", help="A domain, section or question id, or overall."),
        instrument: Path | None = typer.Option(
            None, "--instrument", "-i", help="Instrument file (default: found by id and version)."
        ),
        depth: int = typer.Option(2, "--depth", min=1, max=3, help="How many levels to show."),
        lang: str | None = lang_option(),
    ) -> None:
        """Show how a node's score arose: children, weights, raw and final scores, caps, rules."""
        use_language(lang)
        raise typer.Exit(run_explain(response, instrument, node, depth, lang))


def run_explain(
    response_path: Path, instrument_path: Path | None, node: str, depth: int, lang: str | None
) -> int:
    from ..api import explain, score
    from ..errors import UserError
    from ..i18n import t
    from ..scoring.explain import UnknownNode
    from .common import adopt_language, load_pair, text_language
    from .output import console

    instrument, response = load_pair(response_path, instrument_path)
    adopt_language(lang, response)
    scored = score(instrument, response, name=str(response_path))
    try:
        explanation = explain(scored, node, text_language(lang, instrument, response), depth)
    except UnknownNode:
        raise UserError(t("cli.unknown_node", id=node)) from None
    console().print(tree_of(explanation))
    return 0


def tree_of(exp: Explanation, parent: Tree | None = None) -> Tree:
    from rich.text import Text
    from rich.tree import Tree

    from ..i18n import t
    from ..scoring.rounding import show_score

    label = Text()
    label.append(f"{exp.id}", style="bold")
    label.append(f"  {exp.title}")
    parts = []
    if exp.weight is not None:
        parts.append(t("explain.weight", weight=f"{exp.weight:g}"))
    if exp.kind != "question":
        parts.append(t("explain.scores", raw=show_score(exp.raw), final=show_score(exp.final)))
        parts.append(t("explain.aggregation." + (exp.aggregation or "weighted_mean")))
    else:
        parts.append(t("explain.score", score=show_score(exp.final)))
    if exp.level is not None:
        parts.append(t("explain.level", level=exp.level))
    if exp.coverage is not None:
        parts.append(t("explain.coverage", coverage=f"{exp.coverage * 100:.0f}%"))
    label.append("\n  " + " · ".join(parts), style=None if exp.included else "dim")
    if exp.note:
        label.append("\n  " + exp.note, style="italic" if exp.included else "dim italic")
    for cap in exp.caps:
        key = "explain.cap_binding" if cap.binding else "explain.cap"
        label.append("\n  " + t(key, rule=cap.rule, max=show_score(cap.max)), style="yellow")
    if exp.rules:
        label.append("\n  " + t("explain.rules_fired", rules=", ".join(exp.rules)), style="cyan")
    tree = Tree(label) if parent is None else parent.add(label)
    for child in exp.children:
        tree_of(child, tree)
    return tree
