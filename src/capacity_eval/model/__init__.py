"""Typed models of the three file kinds: instrument, response and result."""

from .base import Text, text_in
from .conditions import (AllCondition, AnswerCondition, AnsweredCondition, AnyCondition,
                         Condition, LevelCondition, NaCondition, NotCondition, ScoreCondition)
from .instrument import (INSTRUMENT_SCHEMA, NA, Aggregation, Band, Cap, ChoiceQuestion,
                         ComputedQuestion, Domain, Evidence, Flag, Instrument, Level,
                         MultiQuestion, NumberQuestion, Option, Priority, QuestionModel, Recommend,
                         Rule, ScaleQuestion, Scoring, Section, Severity, TextQuestion)
from .response import RESPONSE_SCHEMA, Answer, Entity, InstrumentRef, Respondent, Response
from .result import RESULT_SCHEMA, FlagResult, NodeResult, RecommendationResult, Result

__all__ = [
    "INSTRUMENT_SCHEMA", "NA", "RESPONSE_SCHEMA", "RESULT_SCHEMA", "Aggregation", "AllCondition",
    "Answer", "AnswerCondition", "AnsweredCondition", "AnyCondition", "Band", "Cap",
    "ChoiceQuestion", "ComputedQuestion", "Condition", "Domain", "Entity", "Evidence", "Flag",
    "FlagResult", "Instrument", "InstrumentRef", "Level", "LevelCondition", "MultiQuestion",
    "NaCondition", "NodeResult", "NotCondition", "NumberQuestion", "Option", "Priority",
    "QuestionModel", "Recommend", "RecommendationResult", "Respondent", "Response", "Result",
    "Rule", "ScaleQuestion", "ScoreCondition", "Scoring", "Section", "Severity", "Text",
    "TextQuestion", "text_in",
]
