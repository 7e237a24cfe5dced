from django.urls import path

from skillcluster.network.views import circles, cluster, log, mentorships, offers

F = "firms/<id:firm_id>/mentoring/"
C = "clusters/<id:cluster_id>/mentoring/"
urlpatterns = [
    path(F, offers.mentoring, name="network_firm"),
    path(F + "offers/", offers.offer, name="network_offer"),
    path(F + "ask/", offers.ask, name="network_ask"),
    path(F + "offers/<id:offer_id>/agree/", offers.agree, name="network_agree"),
    path(F + "offers/<id:offer_id>/withdraw/", offers.withdraw, name="network_withdraw"),
    path("firms/<id:firm_id>/learning-log/", log.learning_log, name="network_log"),
    path("firms/<id:firm_id>/learning-log/claim/", log.claim_from_log, name="network_claim"),
    path("firms/<id:firm_id>/learning-log/<id:entry_id>/delete/", log.entry_delete, name="network_entry_delete"),
    path("mentorships/<id:mentorship_id>/", mentorships.mentorship, name="network_mentorship"),
    path("mentorships/<id:mentorship_id>/answer/", mentorships.answer, name="network_answer"),
    path("mentorships/<id:mentorship_id>/end/", mentorships.end, name="network_end"),
    path(C, cluster.matching_page, name="network_cluster"),
    path(C + "propose/", cluster.propose, name="network_propose"),
    path("clusters/<id:cluster_id>/knowledge-flows/", cluster.flows_page, name="network_flows"),
    path("clusters/<id:cluster_id>/circles/", circles.circles_page, name="network_circles"),
    path("circles/<id:circle_id>/", circles.circle, name="network_circle"),
]
