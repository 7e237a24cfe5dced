from django.urls import path

from skillcluster.diagnostics.views import cluster, firm

urlpatterns = [
    path("firms/<id:firm_id>/diagnostic/", firm.firm_home, name="diagnostics_firm"),
    path("firms/<id:firm_id>/diagnostic/<id:round_id>/form/", firm.owner_form, name="diagnostics_owner_form"),
    path("firms/<id:firm_id>/diagnostic/<id:round_id>/staff/", firm.staff_invites, name="diagnostics_staff"),
    path("firms/<id:firm_id>/diagnostic/<id:round_id>/report/", firm.report, name="diagnostics_report"),
    path("firms/<id:firm_id>/diagnostic/<id:round_id>/report.pdf", firm.report_pdf, name="diagnostics_report_pdf"),
    path("diagnostic/staff/<str:token>/", firm.staff_form, name="diagnostics_staff_form"),
    path("clusters/<id:cluster_id>/diagnostic/", cluster.cluster_home, name="diagnostics_cluster"),
    path("clusters/<id:cluster_id>/diagnostic/<id:round_id>/", cluster.round_detail, name="diagnostics_round"),
    path(
        "clusters/<id:cluster_id>/diagnostic/<id:round_id>/remind/",
        cluster.round_remind,
        name="diagnostics_round_remind",
    ),
    path(
        "clusters/<id:cluster_id>/diagnostic/<id:round_id>/close/",
        cluster.round_close,
        name="diagnostics_round_close",
    ),
    path(
        "clusters/<id:cluster_id>/diagnostic/<id:round_id>/reopen/",
        cluster.round_reopen,
        name="diagnostics_round_reopen",
    ),
    path(
        "clusters/<id:cluster_id>/diagnostic/<id:round_id>/firms/",
        cluster.round_add_firm,
        name="diagnostics_round_add_firm",
    ),
    path(
        "clusters/<id:cluster_id>/diagnostic/<id:round_id>/export.csv",
        cluster.round_export,
        name="diagnostics_round_export",
    ),
]
