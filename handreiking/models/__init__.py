"""The portal's data: chapters (with drafts, history, former slugs, change notes and images)
anonymous reflections, and the search documents derived from chapters."""

from handreiking.models.chapters import (
    AnchorAlias,
    ChangeNote,
    Chapter,
    ChapterDraft,
    ChapterSlug,
)
from handreiking.models.content import ContentVersion
from handreiking.models.images import Image
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
    "BestAnswer",
    "ChangeNote",
    "Chapter",
    "ChapterDraft",
    "ChapterSlug",
    "ContentVersion",
    "HeldReflection",
    "Image",
    "OnboardingMaterial",
    "Reflection",
    "ReflectionStatus",
    "SearchMiss",
    "SearchSection",
    "SearchTerm",
    "Synonym",
    "Topic",
    "week_start",
]
