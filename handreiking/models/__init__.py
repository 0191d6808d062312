"""The portal's data: chapters (with drafts, history, former slugs, change notes and images)
and anonymous reflections."""

from handreiking.models.chapters import (
    ChangeNote,
    Chapter,
    ChapterDraft,
    ChapterSlug,
    Image,
)
from handreiking.models.reflections import Answer, Reflection, ReflectionStatus, Topic

__all__ = [
    "Answer",
    "ChangeNote",
    "Chapter",
    "ChapterDraft",
    "ChapterSlug",
    "Image",
    "Reflection",
    "ReflectionStatus",
    "Topic",
]
