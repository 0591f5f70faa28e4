"""Shared pydantic configuration and small value types of the file formats."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from .. import limits

Text = str | dict[str, str]
"""A translatable string: plain (single-language instruments) or language -> string."""

NodeId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$", max_length=64)]
LanguageCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$")]
Weight = Annotated[float, Field(ge=0, le=1_000_000)]
Score = Annotated[float, Field(ge=0, le=100)]


class Model(BaseModel):
    """Base of every file model: unknown keys are errors, NaN and infinities are refused."""

    model_config = ConfigDict(
        extra="forbid",
        allow_inf_nan=False,
        frozen=True,
        populate_by_name=True,
        str_max_length=limits.TEXT_CHARS,
    )


def text_in(text: Text | None, lang: str, fallback: str = "en") -> str:
    """`text` in `lang`, else in `fallback`, else in any language it has ('' for None)."""
    if text is None:
        return ""
    if isinstance(text, str):
        return text
    return text.get(lang) or text.get(fallback) or next(iter(text.values()), "")
