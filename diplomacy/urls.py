from django.urls import path

from . import views

# Public addresses (also parameter names in filters.py): keep them stable.
urlpatterns = [
    path("initiatives/", views.initiative_list, name="initiative_list"),
    path("initiatives/<slug:slug>/", views.initiative_detail, name="initiative_detail"),
    path("diplomacy/", views.area_list, name="area_list"),
    path("diplomacy/<slug:area>/", views.area_detail, name="area_detail"),
    path("figures/", views.figures, name="figures"),
]
