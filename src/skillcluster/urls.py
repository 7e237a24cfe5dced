from django.contrib.auth import views as auth_views
from django.urls import include, path, register_converter

from skillcluster.api import api
from skillcluster.contexts import context_modules
from skillcluster.web import ID_DIGITS, rate_limit


class IdConverter:
    """A database id in a URL: at most 18 digits, so that an id past 64 bits is a 404 like any unknown one
    instead of an overflow in the database driver. Registered before the contexts' URL modules load."""

    regex = f"[0-9]{{1,{ID_DIGITS}}}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


register_converter(IdConverter, "id")

# A reset mail per address and per connection, a few an hour: the form cannot be used to flood an inbox.
password_reset = rate_limit(key="ip", rate="10/h", method="POST")(
    rate_limit(key="post:email", rate="3/h", method="POST")(auth_views.PasswordResetView.as_view())
)

urlpatterns = [
    path("accounts/password_reset/", password_reset, name="password_reset"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("api/", api.urls),
    *(path("", include(module)) for module in context_modules("urls")),
]
