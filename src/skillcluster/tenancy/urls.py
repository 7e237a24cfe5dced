from django.urls import path

from skillcluster.tenancy import views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.health, name="health"),
    path("clusters/<id:cluster_id>/", views.cluster_detail, name="cluster_detail"),
    path("clusters/<id:cluster_id>/language/", views.cluster_language, name="cluster_language"),
    path("clusters/<id:cluster_id>/engagement/", views.cluster_engagement, name="cluster_engagement"),
    path("firms/<id:firm_id>/", views.firm_detail, name="firm_detail"),
    path("firms/<id:firm_id>/edit/", views.firm_edit, name="firm_edit"),
    path("firms/<id:firm_id>/invitations/", views.firm_invite, name="firm_invite"),
    path("firms/<id:firm_id>/members/<id:membership_id>/role/", views.member_role, name="member_role"),
    path("firms/<id:firm_id>/relations/", views.firm_relations, name="firm_relations"),
    path("firms/<id:firm_id>/leave/", views.firm_leave, name="firm_leave"),
    path("firms/<id:firm_id>/data.json", views.firm_data, name="firm_data"),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("firms/<id:firm_id>/members/<id:membership_id>/remove/", views.member_remove, name="member_remove"),
    path("language/", views.choose_language, name="choose_language"),
    path("me/", views.profile, name="profile"),
    path("me/data.json", views.profile_data, name="profile_data"),
    path("me/close/", views.profile_close, name="profile_close"),
    path("me/tokens/", views.token_create, name="token_create"),
    path("me/tokens/<id:token_id>/revoke/", views.token_revoke, name="token_revoke"),
]
