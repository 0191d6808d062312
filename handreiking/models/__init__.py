"""The portal's data: chapters (with revisions, history, former slugs, change notes and images)
anonymous reflections, and the search documents derived from chapters."""

from handreiking.models.chapters import (
    AnchorAlias,
    ChangeNote,
    Chapter,
    ChapterSlug,
)
from handreiking.models.content import ContentVersion
from handreiking.models.editing import EditingPresence
from handreiking.models.images import Image
from handreiking.models.links import ExternalLink
from handreiking.models.onboarding import OnboardingMaterial
from handreiking.models.reflections import (
    Answer,
    HeldReflection,
    Reflection,
    ReflectionStatus,
    ReleasePeriod,
    SourceMark,
    Topic,
    week_start,
)
from handreiking.models.revisions import ChangeKind, Revision, RevisionEvent, RevisionState
from handreiking.models.search import BestAnswer, SearchMiss, SearchSection, SearchTerm, Synonym

__all__ = [
    "AnchorAlias",
    "Answer",
    "ChangeKind",
    "BestAnswer",
    "ChangeNote",
    "Chapter",
    "ChapterSlug",
    "ContentVersion",
    "EditingPresence",
    "ExternalLink",
    "HeldReflection",
    "Image",
    "OnboardingMaterial",
    "Reflection",
    "ReflectionStatus",
    "ReleasePeriod",
    "Revision",
    "RevisionEvent",
    "RevisionState",
    "SearchMiss",
    "SearchSection",
    "SearchTerm",
    "SourceMark",
    "Synonym",
    "Topic",
    "week_start",
]
