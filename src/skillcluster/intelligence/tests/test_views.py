"""The market pages, role by role: the market's figures for everyone in the cluster, sources and review for the
manager, a firm's re-ranked needs for whoever sees its gap report; another cluster's or firm's: 404."""

import datetime as dt
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from skillcluster.intelligence.models import Ad, AdImport
from skillcluster.intelligence.tests.conftest import ads_csv, lexical_linker


def _status(client_for, person, url: str) -> int:
    return client_for(person).get(url).status_code


@pytest.mark.parametrize(
    ("who", "demand", "imports", "firm"),
    [
        ("cluster_manager", 200, 200, 403),
        ("auditor", 200, 403, 200),
        ("assessor", 200, 403, 404),
        ("owner", 200, 403, 200),
        ("manager", 200, 403, 200),
        ("employee", 200, 403, 403),
        ("outsider", 404, 404, 404),
    ],
)
def test_who_sees_which_market_page(world, client_for, who, demand, imports, firm):
    person = getattr(world, who)
    assert _status(client_for, person, reverse("intelligence_cluster", args=[world.cluster.pk])) == demand
    assert _status(client_for, person, reverse("intelligence_imports", args=[world.cluster.pk])) == imports
    assert _status(client_for, person, reverse("intelligence_review", args=[world.cluster.pk])) == imports
    assert _status(client_for, person, reverse("intelligence_firm", args=[world.firm.pk])) == firm


def test_the_manager_uploads_a_file_and_sees_the_report(
    world, skills, client_for, monkeypatch, django_capture_on_commit_callbacks
):
    from skillcluster.intelligence import tasks

    monkeypatch.setattr(tasks, "linker", lambda kind, wait=False: lexical_linker(skills, Path("/nonexistent")))
    url = reverse("intelligence_imports", args=[world.cluster.pk])
    day = (timezone.localdate() - dt.timedelta(days=9)).isoformat()
    data = ads_csv(("Web seller", "You will run our online shop and its orders.", day), ("Cutter", "", day))
    from django.core.files.uploadedfile import SimpleUploadedFile

    with_file = {"file": SimpleUploadedFile("ads.csv", data, content_type="text/csv")}
    with django_capture_on_commit_callbacks(execute=True):
        page = client_for(world.cluster_manager).post(url, with_file, follow=True).content.decode()
    assert "1 ads stored (0 duplicates, 1 rows not used); linking their skills now." in page
    assert "Line 3: the ad has no text" in page
    italian = client_for(world.cluster_manager).get(url, headers={"accept-language": "it"}).content.decode()
    assert "Riga 3: l&#x27;annuncio non ha testo" in italian  # the stored report, worded for who reads it
    assert AdImport.all_objects.get().status == "done"
    demand = client_for(world.owner).get(reverse("intelligence_cluster", args=[world.cluster.pk])).content.decode()
    assert "e-commerce systems" in demand
    bad = {"file": SimpleUploadedFile("ads.csv", b"\xff\xfe\x00", content_type="text/csv")}
    page = client_for(world.cluster_manager).post(url, bad, follow=True).content.decode()
    assert "not UTF-8 text" in page
    assert Ad.all_objects.count() == 1


def test_the_api_gives_demand_to_the_cluster_and_re_ranked_needs_to_whoever_sees_the_audit(world, skills, client_for):
    assert client_for(world.employee).get(f"/api/v1/clusters/{world.cluster.pk}/market/demand").json() == []
    assert client_for(world.outsider).get(f"/api/v1/clusters/{world.cluster.pk}/market/demand").status_code == 404
    assert client_for(world.owner).get(f"/api/v1/firms/{world.firm.pk}/market/needs").json() == []
    assert client_for(world.employee).get(f"/api/v1/firms/{world.firm.pk}/market/needs").status_code == 403
    assert client_for(world.owner).get(f"/api/v1/clusters/{world.cluster.pk}/market/briefings").json() == []
