"""The admin: editors work on chapters and images, reviewers read reflections, HR manages its
onboarding material."""

from handreiking.admin.chapters import ChapterAdmin, markdown_preview
from handreiking.admin.images import ImageAdmin
from handreiking.admin.linkcheck import ExternalLinkAdmin  # noqa: F401
from handreiking.admin.onboarding import OnboardingMaterialAdmin
from handreiking.admin.reflections import ReflectionAdmin
from handreiking.admin.search import BestAnswerAdmin, SearchMissAdmin, SynonymAdmin  # noqa: F401

__all__ = [
    "ChapterAdmin",
    "ImageAdmin",
    "OnboardingMaterialAdmin",
    "ReflectionAdmin",
    "markdown_preview",
]
