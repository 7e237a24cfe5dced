from django.urls import path

from skillcluster.audits.views import audit, imports, ratings, reports

F = "firms/<id:firm_id>/audit/"
urlpatterns = [
    path(F, audit.overview, name="audits_firm"),
    path(F + "campaign/", audit.campaign, name="audits_campaign"),
    path(F + "roles/", audit.role_list, name="audits_roles"),
    path(F + "roles/<id:role_id>/", audit.role_detail, name="audits_role"),
    path(F + "roles/<id:role_id>/delete/", audit.role_delete, name="audits_role_delete"),
    path(F + "people/", audit.assign, name="audits_assign"),
    path(F + "people/<id:person_id>/", ratings.person, name="audits_person"),
    path(F + "people/<id:person_id>/rate/", ratings.rate, name="audits_rate"),
    path(F + "proposals/<id:proposal_id>/", ratings.proposal_decide, name="audits_proposal_decide"),
    path(F + "matrix/", reports.matrix, name="audits_matrix"),
    path(F + "report/", reports.report, name="audits_report"),
    path(F + "export/<str:what>.<str:fmt>", reports.export, name="audits_export"),
    path(F + "import/", imports.upload, name="audits_import"),
    path(F + "import/confirm/", imports.confirm, name="audits_import_confirm"),
    path("clusters/<id:cluster_id>/skills/", reports.cluster, name="audits_cluster"),
]
