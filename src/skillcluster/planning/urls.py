from django.urls import path

from skillcluster.planning import views

F = "firms/<id:firm_id>/plan/"
urlpatterns = [
    path(F, views.plan_page, name="planning_firm"),
    path(F + "items/", views.item_add, name="planning_item_add"),
    path(F + "items/<id:item_id>/status/", views.item_status, name="planning_item_status"),
    path(F + "check-in/", views.check_in, name="planning_check_in"),
    path(F + "export.<str:fmt>", views.export, name="planning_export"),
    path("clusters/<id:cluster_id>/plans/", views.cluster_page, name="planning_cluster"),
]
