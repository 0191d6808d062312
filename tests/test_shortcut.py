"""The admin's "view on site" shortcut (/admin/r/<type>/<id>/): an id that cannot be an object's
key is a 404 like any object that does not exist, for every kind of object, never a 500."""

import uuid

import pytest
from django.contrib.contenttypes.models import ContentType

from handreiking.models import Chapter, Reflection
from tests.factories import ChapterFactory, ReflectionFactory, UserFactory

pytestmark = pytest.mark.django_db

BAD_IDS = [
    "x",
    "%00",  # NUL
    "%C3%A9",  # é
    "-1",
    "1.5",
    "%20",
    "a" * 300,  # longer than any key
    "9" * 30,  # larger than any integer column
    str(uuid.uuid4()),  # a UUID nobody has
    "00000000-0000-0000-0000-00000000000g",
]


def shortcut(model, object_id: str) -> str:
    return f"/admin/r/{ContentType.objects.get_for_model(model).pk}/{object_id}/"


# For reflections "1" is no key either; for chapters it is (a seed chapter).
IDS = {Reflection: ["1", *BAD_IDS], Chapter: BAD_IDS}


@pytest.mark.parametrize("model", [Reflection, Chapter])
@pytest.mark.parametrize("role", ["anonymous", "editor", "reviewer"])
def test_an_id_that_is_no_key_is_not_found(client_as, role, model):
    """Anonymous is sent to the login, as for every admin address and for an object that
    exists; staff get the 404 of an object that does not exist."""
    client = client_as(role)
    for object_id in IDS[model]:
        response = client.get(shortcut(model, object_id))
        if role == "anonymous":
            assert response.status_code == 302, object_id
            assert response["Location"].startswith("/admin/login/")
        else:
            assert response.status_code == 404, object_id


def test_every_kind_of_object(client):
    """A superuser may view everything, so every content type gets as far as the lookup."""
    client.force_login(UserFactory(is_superuser=True))
    for content_type in ContentType.objects.all():
        for object_id in BAD_IDS:
            response = client.get(f"/admin/r/{content_type.pk}/{object_id}/")
            assert response.status_code == 404, (content_type, object_id)


def test_a_content_type_that_does_not_exist(client_as):
    reviewer = client_as("reviewer")
    assert reviewer.get("/admin/r/999999/1/").status_code == 404
    assert reviewer.get(f"/admin/r/{'9' * 30}/1/").status_code == 404


def test_a_real_id_still_leads_to_the_object(client_as):
    reflection = ReflectionFactory()
    chapter = ChapterFactory(slug="sociale-media")
    reviewer = client_as("reviewer")
    response = reviewer.get(shortcut(Reflection, reflection.pk))
    assert response.status_code == 302
    assert response["Location"].endswith(f"/admin/handreiking/reflection/{reflection.pk}/change/")
    response = client_as("editor").get(shortcut(Chapter, chapter.pk))
    assert response.status_code == 302
    assert response["Location"].endswith("/handreiking/sociale-media/")
