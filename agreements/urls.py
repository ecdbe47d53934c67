from django.urls import path, re_path

from . import views

# Public URLs: these paths, their names and their GET parameters are a public contract.
urlpatterns = [
    path("agreements/", views.agreement_list, name="agreement_list"),
    re_path(r"^agreements/export\.(?P<format>csv|json|xlsx)$", views.agreement_export, name="agreement_export"),
    path("agreements/timeline/", views.agreement_timeline, name="agreement_timeline"),
    path("agreements/<slug:slug>/", views.agreement_detail, name="agreement_detail"),
    path("partnerships/", views.partnership_list, name="partnership_list"),
    path("partners/<slug:slug>/", views.partner_detail, name="partner_detail"),
]
