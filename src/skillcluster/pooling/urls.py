from django.urls import path

from skillcluster.pooling.views import cluster, firm

C = "clusters/<id:cluster_id>/pooling/"
F = "firms/<id:firm_id>/pooling/"
urlpatterns = [
    path(C, cluster.overview, name="pooling_cluster"),
    path(C + "services/new/", cluster.service_new, name="pooling_service_new"),
    path(C + "services/<id:service_id>/", cluster.service, name="pooling_service"),
    path(C + "services/<id:service_id>/archive/", cluster.service_archive, name="pooling_service_archive"),
    path(C + "sessions/<id:session_id>/cancel/", cluster.session_cancel, name="pooling_session_cancel"),
    path(C + "sessions/<id:session_id>/attendance/", cluster.attendance, name="pooling_attendance"),
    path(C + "seats/<id:seat_id>/fit/", cluster.fit, name="pooling_fit"),
    path(C + "demand/", cluster.demand, name="pooling_demand"),
    path(C + "cohorts/", cluster.plan, name="pooling_plan"),
    path(C + "cohorts/form/", cluster.plan_form, name="pooling_plan_form"),
    path(C + "cohorts/<id:plan_id>/confirm/", cluster.plan_confirm, name="pooling_plan_confirm"),
    path(F, firm.overview, name="pooling_firm"),
    path(F + "ask/", firm.ask, name="pooling_ask"),
    path(F + "calendar.ics", firm.calendar, name="pooling_calendar"),
    path(F + "summary.pdf", firm.summary_pdf, name="pooling_summary_pdf"),
    path(F + "requests/<id:request_id>/book/", firm.book, name="pooling_book"),
    path(F + "requests/<id:request_id>/cancel/", firm.cancel, name="pooling_cancel"),
    path(F + "terms/", firm.terms, name="pooling_terms"),
]
