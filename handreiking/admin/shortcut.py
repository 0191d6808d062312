"""The admin's "view on site" shortcut (/admin/r/<type>/<id>/) with a permission check.

Django's own shortcut redirects any staff user to any object's address: HR could learn the slug
of an unpublished chapter, or whether a reflection id exists. Here only a user who may view that
kind of object gets the redirect; everyone else gets the same 404 as for an object that does
not exist. So does an id that cannot be a key of that kind of object at all ("1" for a
reflection's UUID, NUL, a number out of range, a string longer than the column): Django's
shortcut would let the database or the field's ValidationError turn it into a 500."""

from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse


def can_be_key(model: type[models.Model], object_id: str) -> bool:
    """Whether object_id is a valid value for the model's primary key, checked by the field
    itself (type, range, length) before any query."""
    if "\x00" in object_id:
        return False
    field = model._meta.pk
    while field.remote_field is not None:  # a key that is another model's key (one-to-one)
        field = field.target_field
    try:
        field.run_validators(field.to_python(object_id))
    except (ValidationError, ValueError, TypeError, OverflowError):
        return False
    return True


@staff_member_required
def view_on_site(request: HttpRequest, content_type_id: int, object_id: str) -> HttpResponse:
    try:
        content_type = ContentType.objects.get_for_id(content_type_id)
    except (ContentType.DoesNotExist, OverflowError) as error:
        raise Http404 from error
    if not request.user.has_perm(f"{content_type.app_label}.view_{content_type.model}"):
        raise Http404
    model = content_type.model_class()
    if model is None or not can_be_key(model, object_id):
        raise Http404
    return shortcut(request, content_type_id, object_id)
