"""The workshop archive: the JSON exchange format for a whole workshop."""

from cxmaturity.archive.io import dump_archive, load_archive, parse_archive
from cxmaturity.archive.model import (
    DONT_KNOW,
    FORMAT_VERSION,
    Consensus,
    Participant,
    QuestionnaireRef,
    RoadmapDecision,
    WorkshopArchive,
)

__all__ = [
    "DONT_KNOW",
    "FORMAT_VERSION",
    "Consensus",
    "Participant",
    "QuestionnaireRef",
    "RoadmapDecision",
    "WorkshopArchive",
    "dump_archive",
    "load_archive",
    "parse_archive",
]
