from django.urls import path

from skillcluster.intelligence.views import briefings, cluster, firm

C = "clusters/<id:cluster_id>/market/"
urlpatterns = [
    path(C, cluster.demand_page, name="intelligence_cluster"),
    path(C + "imports/", cluster.imports_page, name="intelligence_imports"),
    path(C + "review/", cluster.review_page, name="intelligence_review"),
    path(C + "review/<id:link_id>/", cluster.decide, name="intelligence_decide"),
    path(C + "news/", briefings.news_add, name="intelligence_news"),
    path(C + "briefings/", briefings.briefing_list, name="intelligence_briefings"),
    path(C + "briefings/<id:briefing_id>/", briefings.briefing_edit, name="intelligence_briefing"),
    path("firms/<id:firm_id>/market/", firm.firm_page, name="intelligence_firm"),
    path(
        "firms/<id:firm_id>/market/briefings/<id:briefing_id>/",
        briefings.briefing_firm,
        name="intelligence_briefing_firm",
    ),
    path(
        "firms/<id:firm_id>/market/briefings/<id:briefing_id>/pdf/",
        briefings.briefing_pdf,
        name="intelligence_briefing_pdf",
    ),
]
