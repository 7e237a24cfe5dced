from django.urls import include, path

from skillcluster.api import api

urlpatterns = [
    path("accounts/", include("django.contrib.auth.urls")),
    path("api/", api.urls),
    path("", include("skillcluster.tenancy.urls")),
]
