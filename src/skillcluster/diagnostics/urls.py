from django.urls import path

from skillcluster.diagnostics import views_cluster, views_firm

urlpatterns = [
    path("firms/<int:firm_id>/diagnostic/", views_firm.firm_home, name="diagnostics_firm"),
    path("firms/<int:firm_id>/diagnostic/<int:round_id>/form/", views_firm.owner_form, name="diagnostics_owner_form"),
    path("firms/<int:firm_id>/diagnostic/<int:round_id>/staff/", views_firm.staff_invites, name="diagnostics_staff"),
    path("firms/<int:firm_id>/diagnostic/<int:round_id>/report/", views_firm.report, name="diagnostics_report"),
    path(
        "firms/<int:firm_id>/diagnostic/<int:round_id>/report.pdf", views_firm.report_pdf, name="diagnostics_report_pdf"
    ),
    path("diagnostic/staff/<str:token>/", views_firm.staff_form, name="diagnostics_staff_form"),
    path("clusters/<int:cluster_id>/diagnostic/", views_cluster.cluster_home, name="diagnostics_cluster"),
    path("clusters/<int:cluster_id>/diagnostic/<int:round_id>/", views_cluster.round_detail, name="diagnostics_round"),
    path(
        "clusters/<int:cluster_id>/diagnostic/<int:round_id>/remind/",
        views_cluster.round_remind,
        name="diagnostics_round_remind",
    ),
    path(
        "clusters/<int:cluster_id>/diagnostic/<int:round_id>/close/",
        views_cluster.round_close,
        name="diagnostics_round_close",
    ),
    path(
        "clusters/<int:cluster_id>/diagnostic/<int:round_id>/export.csv",
        views_cluster.round_export,
        name="diagnostics_round_export",
    ),
]
