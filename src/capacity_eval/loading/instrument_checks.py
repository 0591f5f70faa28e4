"""Checks an instrument needs beyond its schema: ids, references, languages, scales, rules.

Each check appends problems located in the source document. Errors make the
instrument unusable; warnings point at something that is probably a mistake
(`validate --strict` fails on them too).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .. import limits
from ..i18n import t
from ..model import (
    AnswerCondition,
    Band,
    ComputedQuestion,
    Condition,
    Instrument,
    NumberQuestion,
    Option,
    QuestionModel,
    TextQuestion,
)
from ..model.conditions import NUMERIC_OPS
from ..scoring.conditions import Predicate, State, references
from ..scoring.formula import FormulaError, parse_formula
from .source import Document

Path = tuple[str | int, ...]
OPTION_TYPES = ("choice", "multi", "scale")
TEXT_OPS = ("is", "is_not", "in", "not_in")
OPS_BY_TYPE: dict[str, tuple[str, ...]] = {
    "choice": TEXT_OPS,
    "scale": TEXT_OPS,
    "text": TEXT_OPS,
    "multi": ("includes",),
    "number": NUMERIC_OPS,
    "computed": NUMERIC_OPS,
}


class InstrumentChecker:
    def __init__(self, instrument: Instrument, doc: Document) -> None:
        self.inst = instrument
        self.doc = doc
        self.questions: dict[str, tuple[int, QuestionModel, Path]] = {}
        self.nodes: dict[str, str] = {"overall": "overall"}  # id -> kind

    def run(self) -> None:
        count = sum(len(s.questions) for d in self.inst.domains for s in d.sections)
        if count > limits.QUESTIONS_PER_INSTRUMENT:  # the checks below grow with the count
            limit = limits.QUESTIONS_PER_INSTRUMENT
            self.error(("domains",), "check.too_many_questions", count=count, limit=limit)
            return
        self.check_ids()
        self.check_languages()
        self.check_levels()
        self.check_option_sets()
        for position, (question, path) in enumerate(self.walk_questions()):
            self.check_question(position, question, path)
        self.check_rules()
        self.check_weights()

    # --- helpers -------------------------------------------------------------------
    def error(self, path: Path, key: str, **params: Any) -> None:
        self.doc.add(path, t(key, **params), code=key)

    def warning(self, path: Path, key: str, **params: Any) -> None:
        self.doc.add(path, t(key, **params), severity="warning", code=key)

    def walk_questions(self) -> Iterator[tuple[QuestionModel, Path]]:
        for d, domain in enumerate(self.inst.domains):
            for s, section in enumerate(domain.sections):
                for q, question in enumerate(section.questions):
                    yield question, ("domains", d, "sections", s, "questions", q)

    # --- ids -----------------------------------------------------------------------
    def check_ids(self) -> None:
        first: dict[str, Path] = {}

        def claim(node_id: str, path: Path, kind: str) -> None:
            if node_id == "overall":
                self.error((*path, "id"), "check.reserved_id")
            elif node_id in first:
                line, _ = self.doc.where((*first[node_id], "id"))
                self.error((*path, "id"), "check.duplicate_id", id=node_id, line=line)
            else:
                first[node_id] = path
                self.nodes[node_id] = kind

        for d, domain in enumerate(self.inst.domains):
            claim(domain.id, ("domains", d), "domain")
            for s, section in enumerate(domain.sections):
                claim(section.id, ("domains", d, "sections", s), "section")
        for position, (question, path) in enumerate(self.walk_questions()):
            claim(question.id, path, "question")
            self.questions.setdefault(question.id, (position, question, path))
        for r, rule in enumerate(self.inst.rules):
            claim(rule.id, ("rules", r), "rule")

    # --- languages ---------------------------------------------------------------------
    def check_languages(self) -> None:
        languages = self.inst.languages
        if len(set(languages)) != len(languages):
            self.error(("languages",), "check.duplicate_language")
        for path, text in _texts(self.inst.model_dump(by_alias=True, exclude_none=True), ()):
            if isinstance(text, str):
                if len(languages) > 1:
                    self.error(path, "check.text_plain", languages=", ".join(languages))
                continue
            missing = [lang for lang in languages if not text.get(lang, "").strip()]
            if missing:
                self.error(path, "check.text_missing", languages=", ".join(missing))
            extra = [lang for lang in text if lang not in languages]
            if extra:
                self.warning(path, "check.text_extra", languages=", ".join(extra))

    # --- levels ------------------------------------------------------------------------
    def check_levels(self) -> None:
        levels = self.inst.levels
        if levels[0].min != 0:
            self.error(("levels", 0, "min"), "check.levels_start")
        for i in range(1, len(levels)):
            if levels[i].min <= levels[i - 1].min:
                self.error(("levels", i, "min"), "check.levels_order")
        seen: set[int] = set()
        for i, level in enumerate(levels):
            if level.id in seen:
                self.error(("levels", i, "id"), "check.duplicate_level", id=level.id)
            seen.add(level.id)

    # --- options -----------------------------------------------------------------------
    def check_option_sets(self) -> None:
        for name, options in self.inst.option_sets.items():
            self.check_options(options, ("option_sets", name), None)

    def check_options(self, options: list[Option], path: Path, qtype: str | None) -> None:
        if not options:
            self.error(path, "check.no_options")
            return
        seen: set[str] = set()
        for i, option in enumerate(options):
            where = (*path, i, "value")
            if option.value.strip().lower() == "n/a":
                self.error(where, "check.option_na")
            if option.value in seen:
                self.error(where, "check.duplicate_option", value=option.value)
            seen.add(option.value)
            if qtype in ("choice", "multi") and option.score is None:
                self.error((*path, i), "check.option_score", value=option.value)
            if option.exclusive and qtype not in ("multi", None):
                self.warning((*path, i, "exclusive"), "check.exclusive_not_multi")
        if qtype == "scale" and len(options) < 2:
            self.error(path, "check.scale_size")

    # --- questions ---------------------------------------------------------------------
    def check_question(self, position: int, question: QuestionModel, path: Path) -> None:
        if question.type in OPTION_TYPES:
            options = question.options  # type: ignore[union-attr]
            if isinstance(options, str):
                if options not in self.inst.option_sets:
                    self.error((*path, "options"), "check.unknown_option_set", name=options)
                else:
                    self.check_options(
                        self.inst.option_sets[options], (*path, "options"), question.type
                    )
            else:
                self.check_options(options, (*path, "options"), question.type)
        if (
            isinstance(question, NumberQuestion)
            and question.min is not None
            and question.max is not None
            and question.min > question.max
        ):
            self.error((*path, "min"), "check.min_max")
        if isinstance(question, NumberQuestion | ComputedQuestion) and question.bands:
            self.check_bands(question.bands, (*path, "bands"))
        if isinstance(question, ComputedQuestion):
            self.check_formula(question, path)
        if isinstance(question, TextQuestion) and question.recommendation is not None:
            self.warning((*path, "recommendation"), "check.text_recommendation")
        if question.show_if is not None:
            self.check_condition(question.show_if, (*path, "show_if"), before=position)

    def check_bands(self, bands: list[Band], path: Path) -> None:
        previous: float | None = None
        for i, band in enumerate(bands):
            if band.below is None:
                if i != len(bands) - 1:
                    self.error((*path, i), "check.open_band_last")
                continue
            if previous is not None and band.below <= previous:
                self.error((*path, i, "below"), "check.bands_order")
            previous = band.below

    def check_formula(self, question: ComputedQuestion, path: Path) -> None:
        try:
            formula = parse_formula(question.formula, frozenset(self.questions))
        except FormulaError as exc:
            self.error((*path, "formula"), "check.formula", detail=str(exc))
            return
        for name in formula.names:
            ref = self.questions[name][1]
            if ref.type != "number":
                self.error((*path, "formula"), "check.formula_not_number", id=name, type=ref.type)

    # --- conditions --------------------------------------------------------------------
    def check_condition(self, condition: Condition, path: Path, *, before: int | None) -> None:
        """Check a condition; `before` is the position of the question whose show_if it is."""
        for kind, ref, leaf in references(condition):
            if kind in ("score", "level"):
                if before is not None:
                    self.error(path, "check.show_if_score")
                elif ref not in self.nodes or self.nodes[ref] == "rule":
                    self.error(path, "check.unknown_node", id=ref)
                continue
            if ref not in self.questions:
                self.error(path, "check.unknown_question", id=ref)
                continue
            ref_position, question, _ = self.questions[ref]
            if before is not None and ref_position >= before:
                self.error(path, "check.show_if_later", id=ref)
            if isinstance(leaf, AnswerCondition):
                self.check_operator(leaf, question, path)

    def check_operator(self, leaf: AnswerCondition, question: QuestionModel, path: Path) -> None:
        op = leaf.operator
        allowed = OPS_BY_TYPE[question.type]
        if op not in allowed:
            self.error(
                path,
                "check.operator",
                op=op,
                id=question.id,
                type=question.type,
                allowed=", ".join(allowed),
            )
            return
        if question.type not in OPTION_TYPES:
            return
        values = {o.value for o in self.inst.options_of(question)}  # type: ignore[arg-type]
        operand = leaf.operand
        for value in operand if isinstance(operand, list) else [operand]:
            if values and value not in values:
                self.error(
                    path,
                    "check.condition_value",
                    value=value,
                    id=question.id,
                    options=", ".join(sorted(values)),
                )

    # --- rules -------------------------------------------------------------------------
    def check_rules(self) -> None:
        for r, rule in enumerate(self.inst.rules):
            self.check_condition(rule.when, ("rules", r, "when"), before=None)
            if rule.cap is not None and self.nodes.get(rule.cap.node) not in (
                "domain",
                "section",
                "overall",
            ):
                self.error(("rules", r, "cap", "node"), "check.cap_node", node=rule.cap.node)

    # --- weights -----------------------------------------------------------------------
    def check_weights(self) -> None:
        if all(d.weight == 0 for d in self.inst.domains):
            self.warning(("domains",), "check.zero_weights", node="overall")
        for d, domain in enumerate(self.inst.domains):
            if all(s.weight == 0 for s in domain.sections):
                self.warning(("domains", d, "sections"), "check.zero_weights", node=domain.id)
            for s, section in enumerate(domain.sections):
                scored = [q for q in section.questions if q.scored]
                if scored and all(q.weight == 0 for q in scored):
                    self.warning(
                        ("domains", d, "sections", s, "questions"),
                        "check.zero_weights",
                        node=section.id,
                    )


def _texts(data: Any, path: Path) -> Iterator[tuple[Path, str | dict[str, str]]]:
    """Every Text value in dumped instrument data, with its path."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key in _TEXT_KEYS and (isinstance(value, str) or _is_text_map(value)):
                yield (*path, key), value
            elif (key == "evidence" and isinstance(value, dict)) or isinstance(value, dict | list):
                yield from _texts(value, (*path, key))
    elif isinstance(data, list):
        for i, item in enumerate(data):
            yield from _texts(item, (*path, i))


_TEXT_KEYS = frozenset(
    {
        "title",
        "description",
        "label",
        "text",
        "help",
        "recommendation",
        "reference",
        "unit",
        "prompt",
        "message",
    }
)


def _is_text_map(value: Any) -> bool:
    return isinstance(value, dict) and all(isinstance(v, str) for v in value.values())


def never_shown(instrument: Instrument) -> list[str]:
    """Ids of questions whose `show_if` no combination of earlier answers can satisfy.

    Each question read by a `show_if` takes, in turn, every value that can matter (its
    options, the thresholds the conditions compare with and their neighbours, n/a,
    nothing); combinations are tried up to a bound per question and a budget for the
    whole instrument (`limits.SHOW_IF_TRIALS`), beyond which a question is assumed
    reachable.
    """
    from ..scoring.conditions import ANSWERED, MISSING, NA, compile_condition

    questions = instrument.questions()
    index = {q.id: i for i, q in enumerate(questions)}
    unreachable: set[str] = set()
    budget = limits.SHOW_IF_TRIALS
    for question in questions:
        if question.show_if is None:
            continue
        leaves = references(question.show_if)
        refs = list(dict.fromkeys(ref for kind, ref, _ in leaves))
        choices: list[list[tuple[int, Any]]] = []
        for ref in refs:
            target = questions[index[ref]]
            options: list[tuple[int, Any]] = [(MISSING, None)]
            if ref not in unreachable:
                options += [(ANSWERED, v) for v in _candidates(instrument, target, leaves)]
                if target.allow_na:
                    options.append((NA, None))
            choices.append(options)
        combinations = 1
        for options in choices:
            combinations *= len(options)
        if combinations > min(20_000, budget):
            continue
        predicate = compile_condition(question.show_if, index)
        slots = [index[ref] for ref in refs]
        satisfiable, tried = _satisfiable(predicate, State(len(questions)), slots, choices)
        budget -= tried
        if not satisfiable:
            unreachable.add(question.id)
    return [q.id for q in questions if q.id in unreachable]


def _satisfiable(
    predicate: Predicate, state: State, slots: list[int], choices: list[list[tuple[int, Any]]]
) -> tuple[bool, int]:
    """Whether some combination of `choices` for the questions at `slots` satisfies
    `predicate`, and how many combinations were tried."""
    from itertools import product

    tried = 0
    for combo in product(*choices):
        tried += 1
        for slot, (status, value) in zip(slots, combo, strict=True):
            state.status[slot], state.values[slot] = status, value
        if predicate(state):
            return True, tried
    return False, tried


def _candidates(
    instrument: Instrument, question: QuestionModel, leaves: list[tuple[str, str, Condition]]
) -> list[Any]:
    if question.type in ("choice", "scale"):
        return [o.value for o in instrument.options_of(question)]
    if question.type == "multi":
        values = [o.value for o in instrument.options_of(question)]
        return [(v,) for v in values] + [tuple(v for v in values)]
    operands = [
        leaf.operand
        for kind, ref, leaf in leaves
        if ref == question.id and isinstance(leaf, AnswerCondition)
    ]
    if question.type in ("number", "computed"):
        points = {float(x) + d for x in operands for d in (-1.0, 0.0, 1.0)}
        return sorted(points) or [0.0]
    texts = [x for op in operands for x in (op if isinstance(op, list) else [op])]
    return [*texts, "\x00other"]
