from django.urls import path

from skillcluster.taxonomy import views

urlpatterns = [
    path("esco/", views.search, name="taxonomy_search"),
    path("esco/skills/<id:skill_id>/", views.skill_detail, name="taxonomy_skill"),
    path("esco/occupations/<id:occupation_id>/", views.occupation_detail, name="taxonomy_occupation"),
    path("esco/link/", views.link, name="taxonomy_link"),
]
