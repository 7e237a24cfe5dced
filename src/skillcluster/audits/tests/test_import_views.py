"""Import pages: problems shown row by row with nothing written; uncertain links confirmed before writing."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from skillcluster.audits.models import Rating
from skillcluster.audits.tests.conftest import ESCO


def _upload(client, world, text: str):
    upload = SimpleUploadedFile("matrix.csv", text.encode(), content_type="text/csv")
    return client.post(reverse("audits_import", args=[world.firm.pk]), {"file": upload})


def test_refused_file_shows_every_problem(client_for, world, esco):
    response = _upload(client_for(world.owner), world, f"person,{ESCO}cut\nemployee@example.org,9\nnobody@x.org,1\n")
    assert response.status_code == 400
    assert [(p.row, p.column, p.found) for p in response.context["problems"]] == [
        (2, "B", "9"), (3, "A", "nobody@x.org"),
    ]  # fmt: skip
    assert Rating.objects.count() == 0


def test_uncertain_link_confirmed_then_written(client_for, world, esco):
    client = client_for(world.owner)
    response = _upload(client, world, "person,teams work\nemployee@example.org,3\n")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Check the skills we linked" in body
    assert "recorded as <strong>manager ratings by you" in body  # said before anything is saved
    assert f"<strong>{esco.skills['team'].preferred_label}</strong>" in body  # the label, not a bare URI
    assert 'name="confirm" value="B" checked' not in body  # nothing pre-ticked
    assert Rating.objects.count() == 0
    done = client.post(reverse("audits_import_confirm", args=[world.firm.pk]), {"confirm": ["B"]})
    assert done.status_code == 302
    assert list(Rating.objects.values_list("skill__uri", "level", "source")) == [(ESCO + "team", 3, "manager")]


def test_unconfirmed_link_writes_nothing(client_for, world, esco):
    client = client_for(world.owner)
    _upload(client, world, "person,teams work\nemployee@example.org,3\n")
    response = client.post(reverse("audits_import_confirm", args=[world.firm.pk]), {})
    assert response.status_code == 400
    assert Rating.objects.count() == 0


def test_employee_cannot_import(client_for, world, esco):
    response = _upload(client_for(world.employee), world, f"person,{ESCO}cut\nemployee@example.org,4\n")
    assert response.status_code == 403
    assert Rating.objects.count() == 0


def test_a_double_click_on_import_records_the_ratings_once(client_for, world, esco):
    client = client_for(world.owner)
    data = f"person,{ESCO}cut\nemployee@example.org,3\n"
    assert _upload(client, world, data).status_code == 302
    again = _upload(client, world, data)  # the second click of a double click, or a second tab
    assert again.status_code == 400
    assert "importing it again would record every rating twice" in again.content.decode()
    assert Rating.objects.count() == 1
