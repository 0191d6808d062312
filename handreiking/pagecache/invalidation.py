"""Writes that change public pages without saving a chapter also replace the content version.

A chapter save bumps the version itself (handreiking.editorial.writepath). Public pages also show
HR's onboarding material (/voor-hr/) and change notes, which the admin edits and deletes on their
own, and a deleted chapter leaves every list. Each of these replaces the version in the
transaction of the write, so no stored page survives it."""

from django.db.models.signals import post_delete, post_save

# Models whose rows public pages show, and which writes to them count.
ON_SAVE = {"handreiking.onboardingmaterial", "handreiking.changenote"}
ON_DELETE = ON_SAVE | {"handreiking.chapter"}


def _bump(sender) -> None:
    try:
        version_model = sender._meta.apps.get_model("handreiking", "ContentVersion")
    except LookupError:
        return  # a data migration before the content version existed
    version_model.objects.bump()


def after_save(sender, **kwargs) -> None:
    if sender._meta.label_lower in ON_SAVE:
        _bump(sender)


def after_delete(sender, **kwargs) -> None:
    if sender._meta.label_lower in ON_DELETE:
        _bump(sender)


def connect() -> None:
    """Idempotent; called by the middleware and meant for HandreikingConfig.ready(), so that
    writes from a shell or a command count too."""
    post_save.connect(after_save, dispatch_uid="handreiking-pagecache-after-save")
    post_delete.connect(after_delete, dispatch_uid="handreiking-pagecache-after-delete")
