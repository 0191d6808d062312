"""The portal's data: chapters (with drafts, history, former slugs, change notes and images)
anonymous reflections, and the search documents derived from chapters."""

from handreiking.models.chapters import (
    AnchorAlias,
    ChangeNote,
    Chapter,
    ChapterSlug,
)
from handreiking.models.content import ContentVersion
from handreiking.models.editing import ChangeKind, ChapterDraft, EditingPresence, ReviewState
from handreiking.models.images import Image
from handreiking.models.links import ExternalLink
from handreiking.models.onboarding import OnboardingMaterial
from handreiking.models.reflections import (
    Answer,
    HeldReflection,
    Reflection,
    ReflectionStatus,
    Topic,
    week_start,
)
from handreiking.models.search import BestAnswer, SearchMiss, SearchSection, SearchTerm, Synonym

__all__ = [
    "AnchorAlias",
    "Answer",
    "ChangeKind",
    "BestAnswer",
    "ChangeNote",
    "Chapter",
    "ChapterDraft",
    "ChapterSlug",
    "ContentVersion",
    "EditingPresence",
    "ExternalLink",
    "HeldReflection",
    "Image",
    "OnboardingMaterial",
    "Reflection",
    "ReflectionStatus",
    "ReviewState",
    "SearchMiss",
    "SearchSection",
    "SearchTerm",
    "Synonym",
    "Topic",
    "week_start",
]
