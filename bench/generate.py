"""Synthetic responses for any instrument: realistic, valid, and a chosen share broken.

    python bench/generate.py --n 10000 --seed 1 --out /tmp/responses \
        [--instrument questionnaires/dps-core.yaml] [--invalid-share 0.05]

Each entity (an institution of an OAS member state) has a latent capacity per
domain, so its answers correlate within a domain and drift upwards from one period
to the next. Answers respect the instrument: option values, number bounds and
`integer`, `allow_na`, `show_if` (hidden questions almost never carry an answer),
optional questions sometimes left empty, notes and evidence on a share of answers.
A share of the files is made invalid, cycling through the kinds in `BREAKERS`
(corrupt YAML, unknown option value, number out of range, wrong instrument version,
duplicate entity and period, ...). The same seed gives the same files, byte for byte.

`OUT/generated-index.csv` lists every file with `valid` or the kind of damage.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import math
import random
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from capacity_eval.loading.files import load_instrument
from capacity_eval.model import Instrument
from capacity_eval.scoring.conditions import ANSWERED, HIDDEN, MISSING, State
from capacity_eval.scoring.conditions import NA as NA_STATE
from capacity_eval.scoring.kinds import MultiKind, NumberKind
from capacity_eval.scoring.plan import Plan, QuestionPlan, plan_for

try:
    from yaml import CSafeDumper as Dumper
except ImportError:  # pragma: no cover
    from yaml import SafeDumper as Dumper  # type: ignore[assignment]

# OAS member states (ISO 3166-1 alpha-3) and the language their institutions write in.
COUNTRIES = {
    "ARG": "es",
    "ATG": "en",
    "BHS": "en",
    "BLZ": "en",
    "BOL": "es",
    "BRA": "pt",
    "BRB": "en",
    "CAN": "en",
    "CHL": "es",
    "COL": "es",
    "CRI": "es",
    "DMA": "en",
    "DOM": "es",
    "ECU": "es",
    "GRD": "en",
    "GTM": "es",
    "GUY": "en",
    "HND": "es",
    "HTI": "fr",
    "JAM": "en",
    "KNA": "en",
    "LCA": "en",
    "MEX": "es",
    "NIC": "es",
    "PAN": "es",
    "PER": "es",
    "PRY": "es",
    "SLV": "es",
    "SUR": "en",
    "TTO": "en",
    "URY": "es",
    "USA": "en",
    "VCT": "en",
    "VEN": "es",
}
INSTITUTIONS = {
    "es": [
        ("mininterior", "Ministerio del Interior"),
        ("policia", "Policía Nacional"),
        ("fiscalia", "Fiscalía General de la Nación"),
        ("seguridad", "Secretaría de Seguridad Pública"),
        ("penitenciario", "Instituto Nacional Penitenciario"),
        ("victimas", "Unidad de Atención a Víctimas"),
    ],
    "pt": [
        ("mjsp", "Ministério da Justiça e Segurança Pública"),
        ("pf", "Polícia Federal"),
        ("depen", "Departamento Penitenciário Nacional"),
        ("sesp", "Secretaria de Segurança Pública"),
    ],
    "en": [
        ("security", "Ministry of National Security"),
        ("police", "Police Force"),
        ("dpp", "Office of the Director of Public Prosecutions"),
        ("prisons", "Prison Service"),
        ("victims", "Victim Support Unit"),
    ],
    "fr": [
        ("mjsp", "Ministère de la Justice et de la Sécurité publique"),
        ("pnh", "Police nationale"),
        ("dap", "Direction de l'administration pénitentiaire"),
    ],
}
REGIONS = {"es": "Región", "pt": "Região", "en": "Region", "fr": "Région"}
NOTES = {
    "es": [
        "Según el informe anual.",
        "Dato preliminar, pendiente de validación.",
        "Aplica solo a la capital.",
        "Información del área de planeación.",
    ],
    "pt": [
        "Conforme o relatório anual.",
        "Dado preliminar, a validar.",
        "Aplica-se apenas à capital.",
        "Informação da área de planejamento.",
    ],
    "en": [
        "According to the annual report.",
        "Preliminary figure, to be validated.",
        "Applies to the capital only.",
        "Information from the planning unit.",
    ],
    "fr": [
        "Selon le rapport annuel.",
        "Chiffre provisoire, à valider.",
        "Ne concerne que la capitale.",
        "Information du service de planification.",
    ],
}
EVIDENCE = [
    "Ley {n} de {y}",
    "Decreto {n}/{y}",
    "Resolución {n} de {y}",
    "Informe anual {y}",
    "Protocolo interno {n}",
    "Acta de comité {n}-{y}",
]
ROLES = [
    "Director de Planeación",
    "Jefa de Política Criminal",
    "Asesor de Seguridad",
    "Coordinadora de Estadística",
    "Secretario Técnico",
]
PEOPLE = [
    "Ana Pérez",
    "João Silva",
    "Marie Joseph",
    "John Baptiste",
    "Lucía Gómez",
    "Carlos Ramírez",
    "Renée Dupont",
    "Patricia Brown",
]
PERIODS = ["2022", "2023", "2024", "2025", "2026"]


@dataclass
class Entity:
    id: str
    name: str
    country: str
    language: str
    base: float
    domains: list[float]
    periods: list[str] = field(default_factory=list)


def clamp(value: float, low: float = 0.0, high: float = 1.0) -> float:
    return max(low, min(high, value))


def make_entity(rng: random.Random, number: int, instrument: Instrument) -> Entity:
    country = rng.choice(sorted(COUNTRIES))
    language = COUNTRIES[country]
    if language not in instrument.languages:
        language = instrument.default_language
    slug, name = rng.choice(INSTITUTIONS.get(language, INSTITUTIONS["en"]))
    region = rng.randint(1, 12)
    name = f"{name} — {REGIONS.get(language, 'Region')} {region}"
    base = rng.betavariate(2.2, 2.0)
    domains = [clamp(base + rng.gauss(0, 0.13)) for _ in instrument.domains]
    count = rng.choice([1, 2, 2, 3, 3, 4])
    start = rng.randint(0, len(PERIODS) - count)
    ident = f"{country.lower()}-{slug}-{number:05d}"
    entity = Entity(ident, name, country, language, base, domains)
    entity.periods = PERIODS[start : start + count]
    return entity


# --- answers ---------------------------------------------------------------------------


def pick_by_score(rng: random.Random, scores: list[float], target: float) -> int:
    """An index, the nearer its score to `target` the likelier."""
    weights = [math.exp(-(((s - target) / 22.0) ** 2)) + 0.02 for s in scores]
    return rng.choices(range(len(scores)), weights=weights)[0]


def option_answer(rng: random.Random, q: QuestionPlan, target: float) -> Any:
    kind: Any = q.kind
    values: list[str] = kind.values
    scores = [kind.scores[v] if kind.scores[v] is not None else 50.0 for v in values]
    if not isinstance(kind, MultiKind):
        return values[pick_by_score(rng, scores, target)]
    exclusive = [v for v in values if v in kind.exclusive]
    if exclusive and rng.random() < ((100 - target) / 100) ** 3:
        return [exclusive[0]]
    chosen = [v for v in values if v not in kind.exclusive and rng.random() < target / 100]
    if not chosen:
        plain = [v for v in values if v not in kind.exclusive]
        chosen = [rng.choice(plain)] if plain else exclusive[:1]
    return chosen


def band_interval(kind: Any, index: int) -> tuple[float | None, float | None]:
    """The values [low, high) that fall in band `index` (None: unbounded on that side)."""
    high = kind.bands[index].below
    low = kind.bands[index - 1].below if index > 0 else None
    return low, high


def number_answer(rng: random.Random, q: QuestionPlan, target: float) -> float | int:
    kind: Any = q.kind
    low, high = kind.minimum, kind.maximum
    if kind.bands:
        band = pick_by_score(rng, [b.score for b in kind.bands], target)
        b_low, b_high = band_interval(kind, band)
        low = b_low if low is None else (low if b_low is None else max(low, b_low))
        high = b_high if high is None else (high if b_high is None else min(high, b_high))
        if low is not None and high is not None and low >= high:
            low, high = kind.minimum, kind.maximum
    spread = math.exp(rng.gauss(math.log(5000), 1.2))
    if low is None and high is None:
        low = 0.0
    if high is None:
        high = low + spread
    if low is None:
        low = high - spread
    value = rng.uniform(low, high)
    if value >= high > low:
        value = (low + high) / 2
    return shaped_number(value, kind)


def shaped_number(value: float, kind: NumberKind) -> float | int:
    """Whole numbers for `integer` questions and large values, else one decimal (in bounds)."""
    low = -math.inf if kind.minimum is None else kind.minimum
    high = math.inf if kind.maximum is None else kind.maximum
    if kind.integer or abs(value) >= 100:
        number = round(value)
        if not low <= number <= high:
            number = math.ceil(low) if number < low else math.floor(high)
        return int(number)
    short = round(value, 1)
    return short if low <= short <= high else value


def text_answer(rng: random.Random, language: str) -> str:
    return rng.choice(NOTES.get(language, NOTES["en"]))


def raw_answer(rng: random.Random, q: QuestionPlan, target: float, language: str) -> Any:
    kind_name = q.model.type
    if kind_name in ("choice", "scale", "multi"):
        return option_answer(rng, q, target)
    if kind_name == "number":
        return number_answer(rng, q, target)
    return text_answer(rng, language)


def evidence_for(rng: random.Random, year: str) -> list[str]:
    return [
        rng.choice(EVIDENCE).format(n=rng.randint(10, 2999), y=year)
        for _ in range(rng.choice([1, 1, 2]))
    ]


def answers_for(
    rng: random.Random, plan: Plan, entity: Entity, period: str, draft: bool
) -> dict[str, Any]:
    """Answers in instrument order for one entity and period (visibility respected)."""
    state = State(len(plan.questions))
    drift = 0.035 * PERIODS.index(period)
    chosen: dict[int, Any] = {}
    for i in plan.order:
        q = plan.questions[i]
        if q.show_if is not None and not q.show_if(state):
            state.status[i] = HIDDEN
            if rng.random() < 0.02 and q.formula is None:  # a stale answer, ignored when scoring
                latent = entity.domains[q.domain] * 100
                chosen[i] = raw_answer(rng, q, latent, entity.language)
            continue
        if q.formula is not None:
            if all(state.status[j] == ANSWERED for j in q.inputs):
                value = q.formula.value({plan.questions[j].id: state.values[j] for j in q.inputs})
                if value is not None:
                    state.status[i], state.values[i] = ANSWERED, value
            continue
        state.status[i] = MISSING
        latent = clamp(entity.domains[q.domain] + drift + rng.gauss(0, 0.15)) * 100
        skip = 0.15 if draft else 0.0
        if not q.model.required:
            skip = 0.04 + 0.1 * (1 - latent / 100)
        if rng.random() < skip:
            continue
        if q.model.allow_na and rng.random() < 0.06:
            chosen[i], state.status[i] = "n/a", NA_STATE
            continue
        raw = raw_answer(rng, q, latent, entity.language)
        chosen[i] = raw
        state.status[i], state.values[i] = ANSWERED, q.kind.read(raw)
    return {
        plan.questions[i].id: decorate(rng, plan.questions[i], chosen[i], entity, period)
        for i in sorted(chosen)
    }


def decorate(rng: random.Random, q: QuestionPlan, value: Any, entity: Entity, period: str) -> Any:
    """The short form, or the long form with a note and evidence on a share of answers."""
    note = text_answer(rng, entity.language) if rng.random() < 0.12 else None
    wants = q.model.evidence is not None and value != "n/a"
    evidence = evidence_for(rng, period) if wants and rng.random() < 0.6 else []
    if note is None and not evidence:
        return value
    long: dict[str, Any] = {"value": value}
    if note is not None:
        long["note"] = note
    if evidence:
        long["evidence"] = evidence
    return long


def response_document(
    rng: random.Random, instrument: Instrument, plan: Plan, entity: Entity, period: str
) -> dict[str, Any]:
    draft = rng.random() < 0.15
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    return {
        "schema": "capacity-eval/response@1",
        "instrument": {"id": instrument.id, "version": instrument.version},
        "entity": {"id": entity.id, "name": entity.name, "country": entity.country},
        "period": period,
        "language": entity.language,
        "status": "draft" if draft else "submitted",
        "respondent": {"name": rng.choice(PEOPLE), "role": rng.choice(ROLES)},
        "updated": f"{period}-{month:02d}-{day:02d}T{rng.randint(8, 18):02d}:00:00Z",
        "answers": answers_for(rng, plan, entity, period, draft),
    }


def to_yaml(doc: dict[str, Any]) -> str:
    return yaml.dump(
        doc, Dumper=Dumper, allow_unicode=True, sort_keys=False, default_flow_style=False, width=100
    )


def to_json(doc: dict[str, Any]) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


# --- invalid files ---------------------------------------------------------------------


@dataclass
class Broken:
    """A valid document to damage, and what the damage produced."""

    doc: dict[str, Any]
    plan: Plan
    rng: random.Random
    earlier: dict[str, Any] | None  # a valid document written before, for duplicates


def answered_of(b: Broken, test: Callable[[QuestionPlan], bool]) -> QuestionPlan | None:
    found = [b.plan.questions[b.plan.index[qid]] for qid in b.doc["answers"]]
    found = [q for q in found if test(q)]
    return b.rng.choice(found) if found else None


def break_syntax(b: Broken) -> bytes:
    lines = to_yaml(b.doc).splitlines()
    at = b.rng.randint(3, max(3, len(lines) - 1))
    lines.insert(at, "  broken: [unclosed, list")
    return ("\n".join(lines) + "\n").encode()


def break_option(b: Broken) -> bytes:
    q = answered_of(b, lambda q: q.model.type in ("choice", "scale"))
    if q is None:
        return break_question(b)
    b.doc["answers"][q.id] = "quizás"
    return to_yaml(b.doc).encode()


def break_range(b: Broken) -> bytes:
    def bounded(q: QuestionPlan) -> bool:
        return isinstance(q.kind, NumberKind) and (
            q.kind.maximum is not None or q.kind.minimum is not None
        )

    q = answered_of(b, bounded)
    if q is None:
        return break_option(b)
    kind: Any = q.kind
    value = kind.maximum + 7 if kind.maximum is not None else kind.minimum - 7
    b.doc["answers"][q.id] = int(value) if float(value).is_integer() else value
    return to_yaml(b.doc).encode()


def break_version(b: Broken) -> bytes:
    major = int(b.doc["instrument"]["version"].split(".")[0])
    b.doc["instrument"]["version"] = f"{major + 8}.0.0"
    return to_yaml(b.doc).encode()


def break_instrument(b: Broken) -> bytes:
    b.doc["instrument"]["id"] = "other-instrument"
    return to_yaml(b.doc).encode()


def break_duplicate(b: Broken) -> bytes:
    if b.earlier is None:
        return break_version(b)
    b.doc["entity"] = dict(b.earlier["entity"])
    b.doc["period"] = b.earlier["period"]
    return to_yaml(b.doc).encode()


def break_empty(b: Broken) -> bytes:
    return b""


def break_binary(b: Broken) -> bytes:
    return bytes(b.rng.randrange(256) for _ in range(512)) + b"\x00PK\x03\x04"


def break_encoding(b: Broken) -> bytes:
    b.doc["respondent"]["role"] = "Coordinación de Información"
    return to_yaml(b.doc).encode("latin-1", errors="replace")


def break_question(b: Broken) -> bytes:
    b.doc["answers"]["ZZ-99"] = "yes"
    return to_yaml(b.doc).encode()


def break_na(b: Broken) -> bytes:
    q = answered_of(b, lambda q: not q.model.allow_na and q.formula is None)
    if q is None:
        return break_question(b)
    b.doc["answers"][q.id] = "n/a"
    return to_yaml(b.doc).encode()


def break_country(b: Broken) -> bytes:
    b.doc["entity"]["country"] = "Colombia"
    return to_yaml(b.doc).encode()


BREAKERS: dict[str, Callable[[Broken], bytes]] = {
    "corrupt-yaml": break_syntax,
    "unknown-option": break_option,
    "out-of-range": break_range,
    "wrong-version": break_version,
    "other-instrument": break_instrument,
    "duplicate": break_duplicate,
    "empty": break_empty,
    "binary": break_binary,
    "not-utf8": break_encoding,
    "unknown-question": break_question,
    "na-not-allowed": break_na,
    "bad-country": break_country,
}


# --- the set of files ------------------------------------------------------------------


def slots(rng: random.Random, instrument: Instrument, n: int) -> list[tuple[Entity, str]]:
    """n distinct (entity, period) pairs."""
    found: list[tuple[Entity, str]] = []
    number = 0
    while len(found) < n:
        number += 1
        entity = make_entity(rng, number, instrument)
        found += [(entity, period) for period in entity.periods]
    return found[:n]


def generate(
    instrument_path: Path, n: int, seed: int, out: Path, invalid_share: float
) -> dict[str, int]:
    """Write n response files under `out`; return how many of each kind were written."""
    instrument = load_instrument(instrument_path)
    plan = plan_for(instrument)
    rng = random.Random(seed)
    pairs = slots(rng, instrument, n)
    broken_at = set(rng.sample(range(n), round(n * invalid_share)))
    kinds = list(BREAKERS)
    counts: dict[str, int] = {}
    index = io.StringIO()
    writer = csv.writer(index, lineterminator="\n")
    writer.writerow(["file", "expected"])
    last_valid: dict[str, Any] | None = None
    broken = 0
    for number, (entity, period) in enumerate(pairs):
        doc = response_document(rng, instrument, plan, entity, period)
        as_json = rng.random() < 0.1
        stem = f"{entity.country.lower()}/{entity.id}_{period}"
        if number in broken_at:
            kind = kinds[broken % len(kinds)]
            broken += 1
            data = BREAKERS[kind](Broken(doc, plan, rng, last_valid))
            name = f"{stem}.yaml"
            if doc["entity"] is not None and kind == "duplicate" and last_valid is not None:
                first = doc["entity"]
                name = f"{first['country'].lower()}/{first['id']}_{doc['period']}-resent.yaml"
        else:
            kind = "valid"
            data = (to_json(doc) if as_json else to_yaml(doc)).encode()
            name = f"{stem}.json" if as_json else f"{stem}.yaml"
            last_valid = doc
        path = out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        writer.writerow([name, kind])
        counts[kind] = counts.get(kind, 0) + 1
    (out / "generated-index.csv").write_text(index.getvalue(), encoding="utf-8")
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="number of files")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True, help="folder to write into")
    parser.add_argument("--instrument", type=Path, default=Path("questionnaires/dps-core.yaml"))
    parser.add_argument(
        "--invalid-share", type=float, default=0.05, help="share of files made invalid (0 to 1)"
    )
    args = parser.parse_args(argv)
    if not 0 <= args.invalid_share <= 1 or args.n < 1:
        parser.error("--n must be positive and --invalid-share between 0 and 1")
    counts = generate(args.instrument, args.n, args.seed, args.out, args.invalid_share)
    valid = counts.get("valid", 0)
    broken = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()) if k != "valid")
    print(f"{args.n} files in {args.out}: {valid} valid; invalid: {broken or 'none'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
