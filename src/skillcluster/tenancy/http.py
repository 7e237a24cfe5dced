"""The request type of every page and endpoint that requires login."""

from django.http import HttpRequest

from skillcluster.tenancy.models import Person


class PersonRequest(HttpRequest):
    """A request from a logged-in person: what `login_required` and the API's authentication guarantee, so
    `request.user` is a `Person` (never an anonymous user) for the type checker too."""

    user: Person
