"""The admin: editors work on chapters and images, reviewers read reflections."""

from handreiking.admin.chapters import ChapterAdmin, ImageAdmin, markdown_preview
from handreiking.admin.reflections import ReflectionAdmin

__all__ = ["ChapterAdmin", "ImageAdmin", "ReflectionAdmin", "markdown_preview"]
