import factory
from django.contrib.auth.models import Group, User

from handreiking import services
from handreiking.models import Chapter


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


def publish(
    *, number: int, title: str, body: str, slug: str | None = None, summary: str = ""
) -> Chapter:
    """A published chapter, made the way editors make one."""
    return services.publish_chapter(
        chapter=Chapter(number=number),
        user=None,
        title=title,
        slug=slug or f"hoofdstuk-{number}",
        summary=summary,
        body=body,
    )
