"""The chapter write path: what every save of a chapter derives, whoever makes it.

Why receivers and not a write service: the contract lets anything save a chapter (the admin, a
service, the importer, a shell, a data migration: `chapter.body = …; chapter.save()`). A write
service only covers the callers that remember to use it; a receiver on the model's own save
covers them all, and `Chapter.save()` wraps it in one transaction. Receivers are connected
without a sender and match the chapter by label, so the historical model a data migration saves
gets the same treatment; the related models are taken from the sender's own app registry, and a
step whose model does not exist yet at that point in the migration history is skipped (the
migration that creates it backfills).

Per save, exactly once: Markdown rendered and publication times stamped (before the write), then
a redirect from the former slug, the search index and the content version (after it).
"""

from django.db.models.signals import post_save, pre_save
from django.utils import timezone

from handreiking.models.chapters import render_derived, stamp_publication
from handreiking.search.index import index_chapter

CHAPTER = "handreiking.chapter"


def _model(sender, name: str):
    try:
        return sender._meta.apps.get_model("handreiking", name)
    except LookupError:
        return None


def _is_chapter(sender) -> bool:
    return sender._meta.label_lower == CHAPTER


def before_chapter_save(sender, instance, raw=False, **kwargs) -> None:
    if raw or not _is_chapter(sender):
        return  # fixtures load rows exactly as they were dumped
    render_derived(instance)
    stamp_publication(instance, now=timezone.now())
    # Only an address readers have seen needs a redirect.
    instance._previous_slug = (
        sender._default_manager.filter(pk=instance.pk, is_published=True)
        .values_list("slug", flat=True)
        .first()
        if instance.pk
        else None
    )


def after_chapter_save(sender, instance, raw=False, **kwargs) -> None:
    if raw or not _is_chapter(sender):
        return
    _remember_former_slug(sender, instance)
    section_model, term_model = _model(sender, "SearchSection"), _model(sender, "SearchTerm")
    if section_model and term_model:
        index_chapter(instance, section_model=section_model, term_model=term_model)
    if version_model := _model(sender, "ContentVersion"):
        version_model.objects.bump()


def _remember_former_slug(sender, chapter) -> None:
    """The old address keeps working (301) after a rename; the current address is never also
    a former one, so renaming back takes the redirect away."""
    slug_model = _model(sender, "ChapterSlug")
    previous = getattr(chapter, "_previous_slug", None)
    slug_model.objects.filter(slug=chapter.slug).delete()
    if previous and previous != chapter.slug:
        slug_model.objects.update_or_create(slug=previous, defaults={"chapter_id": chapter.pk})


def connect() -> None:
    """Called once from HandreikingConfig.ready()."""
    pre_save.connect(before_chapter_save, dispatch_uid="handreiking-chapter-before-save")
    post_save.connect(after_chapter_save, dispatch_uid="handreiking-chapter-after-save")
