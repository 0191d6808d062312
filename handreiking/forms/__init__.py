"""Forms of the editors and HR: chapters, restoring a version, images, onboarding material."""

from handreiking.forms.chapters import (
    CANCEL_SCHEDULE,
    DRAFT_ACTIONS,
    DRAFT_FIELDS,
    REQUEST_REVIEW,
    SAVE_DRAFT,
    SCHEDULE,
    ChangeKindMixin,
    ChapterAdminForm,
    RestoreForm,
)
from handreiking.forms.uploads import ImageUploadForm, OnboardingMaterialForm, inspect_image

__all__ = [
    "CANCEL_SCHEDULE",
    "DRAFT_ACTIONS",
    "DRAFT_FIELDS",
    "REQUEST_REVIEW",
    "SAVE_DRAFT",
    "SCHEDULE",
    "ChangeKindMixin",
    "ChapterAdminForm",
    "ImageUploadForm",
    "OnboardingMaterialForm",
    "RestoreForm",
    "inspect_image",
]
