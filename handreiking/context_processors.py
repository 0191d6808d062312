"""What every template may need: the portal's own address for canonical and permanent links."""

from django.http import HttpRequest

from handreiking.links import base_url


def portal(request: HttpRequest) -> dict:
    return {"portal_base_url": base_url(request)}
