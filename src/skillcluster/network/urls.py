from django.urls import path

from skillcluster.network import views

F = "firms/<id:firm_id>/mentoring/"
urlpatterns = [
    path(F, views.mentoring, name="network_firm"),
    path(F + "offers/", views.offer, name="network_offer"),
    path(F + "offers/<id:offer_id>/agree/", views.agree, name="network_agree"),
    path(F + "offers/<id:offer_id>/withdraw/", views.withdraw, name="network_withdraw"),
]
