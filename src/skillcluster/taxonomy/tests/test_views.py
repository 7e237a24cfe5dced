import pytest
from django.urls import reverse

from skillcluster.taxonomy.models import Occupation, Skill
from skillcluster.taxonomy.tests.esco_fixture import occupation_uri, skill_uri

ATTRIBUTION = "This service uses the ESCO classification of the European Commission"


@pytest.fixture
def pages(small_esco):
    skill = Skill.objects.get(uri=skill_uri("budget"))
    occupation = Occupation.objects.get(uri=occupation_uri("mktman"))
    return {
        "search": reverse("taxonomy_search") + "?q=budget",
        "skill": reverse("taxonomy_skill", args=[skill.pk]),
        "occupation": reverse("taxonomy_occupation", args=[occupation.pk]),
        "link": reverse("taxonomy_link"),
    }


@pytest.mark.parametrize("page", ["search", "skill", "occupation", "link"])
def test_anonymous_is_sent_to_login(pages, client_for, page):
    response = client_for(None).get(pages[page])
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/esco/")


@pytest.mark.parametrize("page", ["search", "skill", "occupation", "link"])
def test_logged_in_sees_page_with_attribution(pages, world, client_for, page):
    response = client_for(world.employee).get(pages[page])
    assert response.status_code == 200
    assert response.content.decode().count(ATTRIBUTION) == 1


def test_skill_page(pages, world, client_for):
    html = client_for(world.outsider).get(pages["skill"]).content.decode()
    assert (
        "<li>S skills › S4 management skills › S4.3 allocating resources › S4.3.1 managing budgets or finances</li>"
        in html
    )
    assert "<li>T transversal skills › T1 core skills › T1.2 working with numbers</li>" in html
    assert ">management</span>" in html
    assert ">marketing manager</a>" in html
    assert "Essential (1)" in html
    assert "Optional (0)" in html


def test_occupation_page_groups_skills_by_category(pages, world, client_for):
    html = client_for(world.owner).get(pages["occupation"]).content.decode()
    essential = html.split("Essential skills and knowledge")[1].split("Optional skills and knowledge")[0]
    assert "<h3>Marketing, sales and customers (1)</h3>" in essential
    assert "<h3>Management (1)</h3>" in essential
    assert "<h3>Digital (1)</h3>" in essential
    assert "<h3>Languages (1)</h3>" in html.split("Optional skills and knowledge")[1]


def test_search_tolerates_typos_without_javascript(small_esco, world, client_for):
    response = client_for(world.employee).get(reverse("taxonomy_search"), {"q": "custmer servise"})
    html = response.content.decode()
    first = html.split('<ol class="results">')[1].split("</li>")[0]
    assert f'href="{reverse("taxonomy_skill", args=[Skill.objects.get(uri=skill_uri("cs")).pk])}"' in first
    assert ">customer service</a>" in first


def test_search_as_you_type_returns_the_partial(small_esco, world, client_for):
    response = client_for(world.employee).get(reverse("taxonomy_search"), {"q": "shoe"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert html.startswith('\n<section id="esco-results"')
    assert "<html" not in html
    assert ">shoemaker</a>" in html


def test_link_page_ranks_skills(small_esco, world, client_for):
    response = client_for(world.employee).post(
        reverse("taxonomy_link"), {"text": "I sew fabric pieces", "kind": "skill", "top_k": 3}
    )
    assert response.status_code == 200
    ranking = response.context["ranking"]
    assert ranking.items[0].label == "sew pieces of fabric"
    # each skill says how sure it is, and the page counts the likely and possible ones
    assert ranking.calibrated
    assert ranking.items[0].confidence in {"likely", "possible"}
    html = response.content.decode()
    assert '<th scope="col">How sure</th>' in html
    assert f"Skills named in your text: {ranking.likely} likely, {ranking.possible} possible." in html


def test_link_page_rejects_too_long_text(small_esco, world, client_for):
    response = client_for(world.employee).post(reverse("taxonomy_link"), {"text": "x" * 2_001, "kind": "skill",
                                                                          "top_k": 3})  # fmt: skip
    assert response.status_code == 422
    assert "Ensure this value has at most 2000 characters (it has 2001)." in response.content.decode()


def test_missing_skill_is_404(small_esco, world, client_for):
    assert client_for(world.employee).get(reverse("taxonomy_skill", args=[999_999])).status_code == 404


def test_link_page_htmx_returns_the_ranking_partial(small_esco, world, client_for):
    response = client_for(world.employee).post(
        reverse("taxonomy_link"),
        {"text": "head of marketing", "kind": "occupation", "top_k": 5},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert html.startswith('\n<section id="esco-ranking"')
    assert ">marketing manager</a>" in html
