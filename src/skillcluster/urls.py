from django.urls import include, path

from skillcluster.api import api
from skillcluster.contexts import context_modules

urlpatterns = [
    path("accounts/", include("django.contrib.auth.urls")),
    path("api/", api.urls),
    *(path("", include(module)) for module in context_modules("urls")),
]
