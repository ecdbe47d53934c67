from django.urls import path

from . import views

# Public URLs: these paths, their names and their GET parameters are a public contract. The exports
# (agreements/export.csv…, partners/export.csv…) are portal.data's, named as before (agreement_export).
urlpatterns = [
    path("agreements/", views.agreement_list, name="agreement_list"),
    path("agreements/timeline/", views.agreement_timeline, name="agreement_timeline"),
    path("agreements/<slug:slug>/", views.agreement_detail, name="agreement_detail"),
    path("partnerships/", views.partnership_list, name="partnership_list"),
    path("partners/", views.partner_list, name="partner_list"),
    path("partners/<slug:slug>/", views.partner_detail, name="partner_detail"),
]
