"""The open data's addresses (public URLs: keep them). Each table's files are at
``<export_name>/export.csv|json|xlsx`` (``agreements/export.csv``), its link tables' at
``<export_name>/<field>.csv|json|xlsx`` (``agreements/parties.csv``), named ``<type>_export`` and
``<type>_<field>_export``; the data page at ``data/``, the data package at ``data/datapackage.json``."""

from django.urls import path, re_path

from . import views
from .columns import exported_types

FORMAT = r"\.(?P<format>csv|json|xlsx)$"


def file_patterns():
    patterns = []
    for model in exported_types():
        name = model.type_name()
        patterns.append(
            re_path(
                rf"^{model.export_name}/export{FORMAT}",
                views.export,
                {"table": model.export_name},
                name=f"{name}_export",
            )
        )
        for field_name in model.export_links:
            patterns.append(
                re_path(
                    rf"^{model.export_name}/{field_name}{FORMAT}",
                    views.export,
                    {"table": f"{name}_{field_name}"},
                    name=f"{name}_{field_name}_export",
                )
            )
    return patterns


urlpatterns = [
    path("data/", views.data_page, name="open_data"),
    path("data/datapackage.json", views.datapackage, name="open_data_package"),
    *file_patterns(),
]
