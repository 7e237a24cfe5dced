from django.urls import path

from skillcluster.intelligence.views import cluster, firm

C = "clusters/<id:cluster_id>/market/"
urlpatterns = [
    path(C, cluster.demand_page, name="intelligence_cluster"),
    path(C + "imports/", cluster.imports_page, name="intelligence_imports"),
    path(C + "review/", cluster.review_page, name="intelligence_review"),
    path(C + "review/<id:link_id>/", cluster.decide, name="intelligence_decide"),
    path("firms/<id:firm_id>/market/", firm.firm_page, name="intelligence_firm"),
]
