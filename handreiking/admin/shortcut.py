"""The admin's "view on site" shortcut (/admin/r/<type>/<id>/) with a permission check.

Django's own shortcut redirects any staff user to any object's address: HR could learn the slug
of an unpublished chapter, or whether a reflection id exists. Here only a user who may view that
kind of object gets the redirect; everyone else gets the same 404 as for an object that does
not exist."""

from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.http import Http404, HttpRequest, HttpResponse


@staff_member_required
def view_on_site(request: HttpRequest, content_type_id: int, object_id: str) -> HttpResponse:
    try:
        content_type = ContentType.objects.get_for_id(content_type_id)
    except ContentType.DoesNotExist as error:
        raise Http404 from error
    if not request.user.has_perm(f"{content_type.app_label}.view_{content_type.model}"):
        raise Http404
    return shortcut(request, content_type_id, object_id)
