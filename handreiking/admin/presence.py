"""Who else is editing a chapter: shown on its edit page, kept up to date by the editor page."""


class PresenceAdminMixin:
    """Mixed into ChapterAdmin: its URLs and change-form context for editor presence."""
