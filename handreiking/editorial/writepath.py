"""The chapter write path: what every save of a chapter derives, whoever makes it.

Why receivers and not a write service: the contract lets anything save a chapter (the admin, a
service, the importer, a shell, a data migration: `chapter.body = …; chapter.save()`). A write
service only covers the callers that remember to use it; a receiver on the model's own save
covers them all, and `Chapter.save()` wraps it in one transaction. Receivers are connected
without a sender and match the chapter by label, so the historical model a data migration saves
gets the same treatment; the related models are taken from the sender's own app registry, and a
step whose model does not exist yet at that point in the migration history is skipped (the
migration that creates it backfills).

Editors never save a chapter directly: their texts are revisions, and a revision reaches the
chapter only through `handreiking.editorial.publishing`, which saves it and so runs this path.

Per save, exactly once: Markdown rendered, publication times stamped and retired anchors kept as
aliases in the HTML (before the write), then a redirect from the former slug, the alias rows, the
live revision (a direct save from a shell or a data migration is recorded as a published
revision, so the history and the editors' starting point match what readers see), the search
index and the content version (after it).
"""

from django.db.models.signals import post_save, pre_save
from django.utils import timezone

from handreiking import anchors
from handreiking.markdown import add_anchor_aliases
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
    # Only an address and anchors readers have seen need to keep working.
    previous = (
        sender._default_manager.filter(pk=instance.pk, is_published=True)
        .values_list("slug", "toc")
        .first()
        if instance.pk
        else None
    )
    instance._previous_slug = previous[0] if previous else None
    instance._aliases = _aliases(sender, instance, previous[1] if previous else [])
    if instance._aliases:
        instance.body_html = add_anchor_aliases(instance.body_html, instance._aliases)


def after_chapter_save(sender, instance, raw=False, **kwargs) -> None:
    if raw or not _is_chapter(sender):
        return
    _remember_former_slug(sender, instance)
    _keep_aliases(sender, instance)
    _keep_live_revision(sender, instance)
    section_model, term_model = _model(sender, "SearchSection"), _model(sender, "SearchTerm")
    if section_model and term_model:
        index_chapter(instance, section_model=section_model, term_model=term_model)
    if version_model := _model(sender, "ContentVersion"):
        version_model.objects.bump()


LIVE_TEXT = ("number", "title", "slug", "summary", "body")


def _keep_live_revision(sender, chapter) -> None:
    revision_model = _model(sender, "Revision")
    if revision_model is None or not chapter.is_published:
        return
    live = revision_model.objects.filter(pk=chapter.live_revision_id).first()
    text = {name: getattr(chapter, name) for name in LIVE_TEXT}
    if live is not None and all(getattr(live, name) == value for name, value in text.items()):
        return  # published through the editorial wing: it set the live revision itself
    now = timezone.now()
    revision = revision_model.objects.create(
        chapter_id=chapter.pk,
        parent_id=chapter.live_revision_id,
        state="published",
        created_at=now,
        published_at=now,
        change_note="Direct opgeslagen (beheerder of migratie)",
        body_html=chapter.body_html,
        toc=chapter.toc,
        **text,
    )
    if event_model := _model(sender, "RevisionEvent"):
        event_model.objects.create(
            revision_id=revision.pk, action="save", state="published", at=now
        )
    sender._default_manager.filter(pk=chapter.pk).update(live_revision_id=revision.pk)
    chapter.live_revision_id = revision.pk


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


def _aliases(sender, chapter, previous_toc: list[dict]) -> list | None:
    """Every anchor the chapter ever published and no longer has, with where it leads now; None
    where there is nothing to keep (unpublished, or no such model yet in a migration)."""
    alias_model = _model(sender, "AnchorAlias")
    if alias_model is None or not chapter.is_published or not chapter.pk:
        return None
    current = {entry["id"] for entry in chapter.toc}
    known = {
        alias.anchor: alias
        for alias in alias_model.objects.filter(chapter_id=chapter.pk)
        if alias.anchor not in current
    }
    retired = anchors.retire(previous_toc, chapter.toc)
    for anchor, target in anchors.follow({a: k.target for a, k in known.items()}, retired).items():
        known[anchor].target = target
    for item in retired:
        known[item.anchor] = alias_model(
            chapter_id=chapter.pk,
            anchor=item.anchor,
            title=item.title,
            target=item.target,
            kind=item.kind,
        )
    return sorted(known.values(), key=lambda alias: alias.anchor)


def _keep_aliases(sender, chapter) -> None:
    alias_model = _model(sender, "AnchorAlias")
    aliases = getattr(chapter, "_aliases", None)
    if alias_model is None or aliases is None:
        return
    alias_model.objects.filter(chapter_id=chapter.pk).exclude(
        anchor__in=[alias.anchor for alias in aliases]
    ).delete()
    for alias in aliases:
        alias_model.objects.update_or_create(
            chapter_id=chapter.pk,
            anchor=alias.anchor,
            defaults={"title": alias.title, "target": alias.target, "kind": alias.kind},
        )
