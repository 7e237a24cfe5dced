from django.urls import path

from skillcluster.audits.views import audit as views
from skillcluster.audits.views import imports

F = "firms/<int:firm_id>/audit/"
urlpatterns = [
    path(F, views.overview, name="audits_firm"),
    path(F + "campaign/", views.campaign, name="audits_campaign"),
    path(F + "roles/", views.roles, name="audits_roles"),
    path(F + "roles/<int:role_id>/", views.role_detail, name="audits_role"),
    path(F + "roles/<int:role_id>/delete/", views.role_delete, name="audits_role_delete"),
    path(F + "people/", views.assign, name="audits_assign"),
    path(F + "people/<int:person_id>/", views.person, name="audits_person"),
    path(F + "people/<int:person_id>/rate/", views.rate, name="audits_rate"),
    path(F + "matrix/", views.matrix, name="audits_matrix"),
    path(F + "report/", views.report, name="audits_report"),
    path(F + "export/<str:what>.<str:fmt>", views.export, name="audits_export"),
    path(F + "import/", imports.upload, name="audits_import"),
    path(F + "import/confirm/", imports.confirm, name="audits_import_confirm"),
    path("clusters/<int:cluster_id>/skills/", views.cluster, name="audits_cluster"),
]
