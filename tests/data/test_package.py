"""/<lang>/data/datapackage.json: a Frictionless Data Package that validates, with every file as a
resource (its CSV's address), a Table Schema each, foreign keys, the licence and the book."""

import json
from urllib.parse import urlsplit

import pytest
from frictionless import validate

from portal.data.columns import tables
from portal.data.models import DataLicence

from .reading import content

pytestmark = pytest.mark.django_db


def package(client, language="en"):
    response = client.get(f"/{language}/data/datapackage.json")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    return json.loads(response.content)


def write_locally(client, descriptor, folder):
    """The package with each resource's file downloaded beside it (the test client answers its
    address) and its path made relative, as the package's files would be once downloaded."""
    for resource in descriptor["resources"]:
        address = urlsplit(resource["path"])
        assert address.scheme == "http" and address.netloc == "testserver"
        response = client.get(address.path)
        assert response.status_code == 200, address.path
        name = f"{resource['name']}.csv"
        (folder / name).write_bytes(content(response))
        resource["path"] = name
    path = folder / "datapackage.json"
    path.write_text(json.dumps(descriptor, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_package_and_every_resource_validate(client, tmp_path, language):
    descriptor = package(client, language)
    report = validate(str(write_locally(client, descriptor, tmp_path)))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:20]
    assert len(report.tasks) == len(descriptor["resources"]) == len(tables())
    assert all(task.valid and task.stats["rows"] > 0 for task in report.tasks)


def test_a_broken_reference_does_not_validate(client, tmp_path):
    """The validation reads the files: a party missing from the partners file is reported."""
    path = write_locally(client, package(client), tmp_path)
    partners = tmp_path / "partners.csv"
    lines = partners.read_bytes().split(b"\r\n")
    partners.write_bytes(b"\r\n".join(line for line in lines if not line.startswith(b"japan,")))
    report = validate(str(path))
    assert not report.valid
    assert "foreign-key" in {error_type for (error_type,) in report.flatten(["type"])}


def test_resources_schemas_and_keys(client):
    descriptor = package(client)
    resources = {resource["name"]: resource for resource in descriptor["resources"]}
    assert list(resources)[:1] == ["agreements"]
    assert {"agreements", "partners", "partnerships", "initiatives", "figures", "agreement_parties"} <= set(resources)
    agreements = resources["agreements"]
    assert agreements["path"] == "http://testserver/en/agreements/export.csv"
    assert resources["agreement_parties"]["path"] == "http://testserver/en/agreements/parties.csv"
    schema = agreements["schema"]
    assert schema["primaryKey"] == ["slug"]
    fields = {field["name"]: field for field in schema["fields"]}
    assert fields["status"]["constraints"]["enum"] == ["in_force", "signed", "negotiating"]
    assert fields["status"]["x-labels"]["in_force"] == "In force"
    assert "in_force (In force)" in fields["status"]["description"]
    assert fields["book_year_start"]["type"] == "integer" and fields["signed_on"]["type"] == "date"
    assert fields["url"]["format"] == "uri"
    links = resources["agreement_parties"]["schema"]
    assert links["primaryKey"] == ["agreement", "partner"]
    assert links["foreignKeys"] == [
        {"fields": "agreement", "reference": {"resource": "agreements", "fields": "slug"}},
        {"fields": "partner", "reference": {"resource": "partners", "fields": "slug"}},
    ]
    assert {"fields": "partner", "reference": {"resource": "partners", "fields": "slug"}} in resources["partnerships"][
        "schema"
    ]["foreignKeys"]


def test_package_metadata(client):
    descriptor = package(client)
    assert descriptor["name"] == "peru-foreign-policy-open-data"
    assert descriptor["version"] == "1.0.0"
    assert descriptor["created"] and descriptor["lastModified"]
    assert descriptor["licenses"] == [
        {
            "name": "CC-BY-4.0",
            "path": "https://creativecommons.org/licenses/by/4.0/",
            "title": "Creative Commons Attribution 4.0 International (CC BY 4.0)",
        }
    ]
    assert descriptor["sources"][0]["title"].startswith("Fabián Novak, Sandra Namihás: Political guidelines")
    assert descriptor["x-citation"]["bibtex"] == "http://testserver/en/data/cite.bib"
    assert client.get(descriptor["x-citation"]["ris"].replace("http://testserver", "")).status_code == 200
    assert {(c["title"], c["role"]) for c in descriptor["contributors"]} >= {
        ("Fabián Novak", "author"),
        ("Sandra Namihás", "author"),
    }
    assert descriptor["homepage"] == "http://testserver/en/data/"


def test_spanish_package_describes_in_spanish_with_the_same_names(client):
    english, spanish = package(client, "en"), package(client, "es")
    assert [r["name"] for r in english["resources"]] == [r["name"] for r in spanish["resources"]]
    assert spanish["resources"][0]["path"] == "http://testserver/es/agreements/export.csv"
    assert spanish["resources"][0]["title"] == "Acuerdos comerciales"
    fields = {field["name"]: field for field in spanish["resources"][0]["schema"]["fields"]}
    assert fields["status"]["x-labels"]["in_force"] == "Vigente"


def test_the_licence_setting_shows_in_the_package(client):
    site = client.get("/en/data/").wsgi_request._wagtail_site
    DataLicence.objects.update_or_create(
        site=site,
        defaults={
            "name": "Open Data Commons Open Database License",
            "identifier": "ODbL-1.0",
            "url": "https://opendatacommons.org/licenses/odbl/1-0/",
        },
    )
    assert package(client)["licenses"] == [
        {
            "name": "ODbL-1.0",
            "path": "https://opendatacommons.org/licenses/odbl/1-0/",
            "title": "Open Data Commons Open Database License",
        }
    ]
