"""Factories for users, chapters, reflections and images: tests build what they need instead
of leaning on the seed text (only tests about the seed use it)."""

from io import BytesIO

import factory
from django.contrib.auth.models import Group, User
from django.utils import timezone
from PIL import Image as PillowImage

from handreiking.editorial import review, revisions
from handreiking.models import Answer, Chapter, Image, Reflection, Revision, week_start


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@minbzk.example")
    is_staff = True
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(*Group.objects.filter(name__in=extracted))
        self.save()


class ChapterFactory(factory.django.DjangoModelFactory):
    """A published chapter saved through the model (the write path does the rest)."""

    class Meta:
        model = Chapter

    number = factory.Sequence(lambda n: 100 + n)
    title = factory.Sequence(lambda n: f"Testhoofdstuk {n}")
    slug = factory.Sequence(lambda n: f"testhoofdstuk-{n}")
    summary = "Een hoofdstuk voor de tests."
    body = "Een alinea.\n\n## Eerste onderdeel\n\nTekst van het eerste onderdeel."
    is_published = True


class ReflectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reflection

    colleagues = Answer.YES
    manager = Answer.YES
    newspaper = Answer.YES
    topic = ""
    text = ""
    released_week = factory.LazyFunction(lambda: week_start(timezone.localdate()))


def png_bytes(width: int = 4, height: int = 3, color: str = "navy") -> bytes:
    buffer = BytesIO()
    PillowImage.new("RGB", (width, height), color).save(buffer, format="PNG")
    return buffer.getvalue()


class ImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Image

    alt_text = "Een blauw vlak als voorbeeld"
    data = factory.LazyFunction(png_bytes)
    content_type = "image/png"
    width = 4
    height = 3
    size = factory.LazyAttribute(lambda image: len(image.data))


def publish(
    *, number: int, title: str, body: str, slug: str | None = None, summary: str = ""
) -> Chapter:
    """A published chapter, made the way editors make one."""
    return publish_change(
        chapter=Chapter(number=number),
        title=title,
        slug=slug or f"hoofdstuk-{number}",
        summary=summary,
        body=body,
    )


def save_draft(*, chapter: Chapter, user=None, **fields) -> Revision:
    """An editor's saved text on top of the chapter's current work: a new revision."""
    head = revisions.head(chapter)
    source = head or chapter
    text = (
        {name: getattr(source, name) for name in ("title", "slug", "summary", "body")}
        if chapter.pk
        else {"summary": ""}
    )
    for name in ("title", "slug", "summary", "body"):
        if name in fields:
            text[name] = fields.pop(name)
    return revisions.save_revision(chapter=chapter, base=head, user=user, **text, **fields).revision


def publish_change(
    *,
    chapter: Chapter,
    user=None,
    reviewer=None,
    major: bool = False,
    change_note: str = "",
    **fields,
) -> Chapter:
    """A change published the way editors publish one: saved by an author, offered for review,
    approved by a colleague."""
    author = user or UserFactory(groups=["Redacteuren"])
    revision = save_draft(
        chapter=chapter,
        user=author,
        change_kind="major" if major else "minor",
        change_note=change_note,
        **fields,
    )
    review.submit(revision=revision, user=author)
    review.approve(revision_id=revision.pk, user=reviewer or UserFactory(groups=["Redacteuren"]))
    return Chapter.objects.get(pk=revision.chapter_id)


def clear_chapters() -> None:
    """Start from a handreiking without chapters, for tests that see every chapter at once
    (lists, order, counts, previous/next, search ranking): the chapters data migration 0002
    seeded would otherwise be there too. Each is unpublished through the write path first, so
    the search index forgets it, and then deleted; the search vocabulary (typo suggestions)
    starts empty too, as on an install without text."""
    from handreiking.models import SearchTerm

    for chapter in Chapter.objects.all():
        chapter.is_published = False
        chapter.save()
    Chapter.objects.all().delete()
    SearchTerm.objects.all().delete()
