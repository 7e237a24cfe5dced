"""The language people answered in: the owner and staff forms in the reader's language, each response recording
it, the cluster page's scores by language (exact, behind the same floor and release rules as the size groups),
and the export's language column (kept only where it points at nobody)."""

import csv
import datetime as dt
import io

import pytest
from django.utils import translation

from skillcluster.diagnostics import services
from skillcluster.diagnostics.models import Response, ResponseStatus, RoundFirm
from skillcluster.diagnostics.selectors import cluster_report, firm_report
from skillcluster.diagnostics.selectors.export import round_export_csv
from skillcluster.diagnostics.tests.conftest import answers_for
from skillcluster.tenancy.domain.roles import FirmRole
from skillcluster.tenancy.tests.factories import FirmFactory, MembershipFactory, PersonFactory

SCALES = 6  # version 1


def _answer(diagnostic_round, firm, person, answers, *, language: str, form: str = "owner") -> None:
    """A submitted response given in ``language``, released by the service's batch rule."""
    Response.all_objects.create(
        round=diagnostic_round,
        firm=firm,
        respondent=person,
        form=form,
        instrument_version=diagnostic_round.instrument_version,
        language=language,
        answers=answers,
        status=ResponseStatus.SUBMITTED,
    )
    services.responses_publish(diagnostic_round=diagnostic_round, firm=firm)


@pytest.fixture
def firms(world, diag_round):
    """firms(level, language, n=5, staff=(level, [language of each colleague]) or None): n firms whose owners
    answered at ``level`` in ``language`` (every scale exactly at that level); their colleagues answer first,
    so that they count with their firm."""
    counter = iter(range(100, 1000))

    def make(level: int, language: str, n: int = 5, staff: tuple[int, list[str]] | None = None) -> list:
        made = []
        for _ in range(n):
            firm = FirmFactory(cluster=world.cluster, headcount=8)
            RoundFirm.all_objects.create(round=diag_round, firm=firm, pseudonym=f"F{next(counter)}")
            staff_level, languages = staff or (0, [])
            for staff_language in languages:
                person = PersonFactory()
                MembershipFactory(person=person, firm=firm, role=FirmRole.EMPLOYEE)
                answers = answers_for(staff_level, "staff")
                _answer(diag_round, firm, person, answers, language=staff_language, form="staff")
            owner = PersonFactory()
            MembershipFactory(person=owner, firm=firm, role=FirmRole.OWNER)
            _answer(diag_round, firm, owner, answers_for(level), language=language)
            made.append(firm)
        return made

    return make


def _rows(figures):
    return [(r.language, r.name, r.n_responses, r.n_firms, r.means) for r in figures.languages.rows]


def test_scores_by_language_are_exact_per_response(world, diag_round, firms):
    firms(25, "it")
    firms(75, "en", n=4)
    firms(75, "en", n=1, staff=(100, ["en"] * 3))
    figures = cluster_report.cluster_figures(diag_round)
    # English: five owners at 75 and three colleagues at 100, each response on its own: 675 / 8
    assert _rows(figures) == [
        ("en", "English", 8, 5, [84.375] * SCALES),
        ("it", "Italian", 5, 5, [25.0] * SCALES),
    ]
    assert figures.languages.hidden == 0
    assert [name for _, name in figures.languages.scales][:2] == ["Market intelligence", "Knowledge acquisition"]


def test_a_staff_answer_counts_in_its_own_language(world, diag_round, firms):
    firms(25, "it")
    firms(75, "it", n=4)
    firms(75, "it", n=1, staff=(50, ["de"] * 3))
    figures = cluster_report.cluster_figures(diag_round)
    # German: three colleagues of one firm, fewer than five firms: not shown, not even named
    assert _rows(figures) == [("it", "Italian", 10, 10, [50.0] * SCALES)]
    assert figures.languages.hidden == 1


def test_one_language_shows_no_table(world, diag_round, firms):
    firms(25, "it")
    figures = cluster_report.cluster_figures(diag_round)
    assert figures.shown
    assert figures.languages is None


def test_no_table_while_the_cluster_figures_are_hidden(world, diag_round, firms):
    firms(25, "it", n=2)
    firms(75, "en", n=2)
    assert cluster_report.cluster_figures(diag_round).languages is None


def test_a_language_that_grew_by_fewer_than_five_firms_is_held_back(world, diag_round, firms):
    """Italian was shown with 5 firms; a batch then brings 4 Italian firms and 1 English one. Showing Italian
    again (9 firms) would give the 4 newcomers' sum by subtraction: it is held back until it can be shown with
    at least 5 more firms than at its last showing."""
    firms(25, "it")
    assert cluster_report.cluster_figures(diag_round).languages is None  # one language
    firms(50, "it", n=4)
    firms(50, "en", n=1)
    figures = cluster_report.cluster_figures(diag_round)
    assert (figures.languages.rows, figures.languages.hidden) == ([], 2)
    firms(75, "it")
    figures = cluster_report.cluster_figures(diag_round)
    # 5 x 25 + 4 x 50 + 5 x 75 = 700 over 14 Italian firms; English still rests on one firm
    assert _rows(figures) == [("it", "Italian", 14, 14, [50.0] * SCALES)]
    assert figures.languages.hidden == 1


def test_the_round_page_shows_the_table_in_the_readers_language(world, client_for, diag_round, firms):
    firms(25, "it")
    firms(75, "en", n=4)
    firms(75, "en", n=1, staff=(100, ["en"] * 3))
    url = f"/clusters/{world.cluster.pk}/diagnostic/{diag_round.pk}/"
    page = client_for(world.cluster_manager).get(url).content.decode()
    assert "Scores by the language answered in" in page
    assert '<td lang="en">English</td><td class="num">8</td><td class="num">5</td>' in page
    assert '<td lang="it">Italian</td><td class="num">5</td><td class="num">5</td><td class="num">25</td>' in page
    assert "84</td>" in page  # 84.375, shown whole
    page = client_for(world.cluster_manager).get(url, headers={"accept-language": "it"}).content.decode()
    assert "Scores by the language answered in" not in page
    assert "Punteggi per lingua di risposta" in page
    assert '<td lang="it">Italiano</td>' in page
    assert '<td lang="en">Inglese</td>' in page  # each language named in the reader's
    assert "Osservazione del mercato" in page  # the scale names in Italian too


def test_the_firm_report_speaks_the_readers_language(world, diag_round, firms):
    firms(25, "it")
    _answer(diag_round, world.firm, world.owner, answers_for(75), language="it")
    with translation.override("it"):
        report = firm_report.firm_report(diag_round, world.firm.pk)
    english = firm_report.firm_report(diag_round, world.firm.pk, language="en")
    assert report.scores == english.scores
    assert [row.name for row in report.rows][:2] == ["Osservazione del mercato", "Acquisizione di conoscenze"]
    assert [a.code for a in report.recommendations] == [a.code for a in english.recommendations]
    assert report.recommendations[0].title != english.recommendations[0].title
    assert "Osservazione del mercato" in report.scale_chart
    assert "Market intelligence" in english.scale_chart


def _export(diag_round) -> tuple[list[str], list[dict[str, str]]]:
    services.round_close(diagnostic_round=diag_round)
    text = round_export_csv(diag_round)
    head = [line for line in text.splitlines() if line.startswith("#")]
    table = list(csv.DictReader(io.StringIO("\n".join(line for line in text.splitlines() if line[:1] != "#"))))
    return head, table


def test_the_export_gives_each_response_its_language(world, diag_round, firms):
    firms(25, "it", staff=(50, ["it"] * 3))
    firms(75, "de")
    head, table = _export(diag_round)
    assert head[3].endswith("(as given)")
    assert sorted((row["role"], row["language"]) for row in table) == sorted(
        [("owner", "it")] * 5 + [("staff", "it")] * 15 + [("owner", "de")] * 5
    )


def test_the_export_withholds_a_language_few_colleagues_answered_in(world, diag_round, firms):
    mixed = firms(25, "it", staff=(50, ["it", "it", "de"]))  # in each, one colleague answered in German
    firms(25, "it", staff=(50, ["it"] * 3))
    head, table = _export(diag_round)
    pseudonyms = set(RoundFirm.objects.filter(firm__in=mixed).values_list("pseudonym", flat=True))
    by_firm = {(row["firm"] in pseudonyms, row["role"], row["language"]) for row in table}
    # German would point at the one colleague who answered in it: those firms' staff rows say nothing
    assert by_firm == {(True, "owner", "it"), (True, "staff", "*"), (False, "owner", "it"), (False, "staff", "it")}
    assert head[3].endswith("(partly withheld)")


def test_one_firm_of_mixed_languages_withholds_the_column(world, diag_round, firms):
    firms(25, "it", n=1, staff=(50, ["it", "it", "de"]))  # the only firm of its kind: the kind would name it
    firms(25, "it", n=4, staff=(50, ["it"] * 3))
    head, table = _export(diag_round)
    assert {row["language"] for row in table} == {"*"}
    assert head[3].endswith("(withheld)")


def test_the_export_withholds_the_language_of_a_firm_it_would_single_out(world, diag_round, firms):
    firms(25, "it", n=9)
    firms(25, "de", n=1)
    head, table = _export(diag_round)
    assert {row["language"] for row in table} == {"*"}
    assert head[3].endswith("(withheld)")


def test_each_type_and_style_is_named_as_its_rule_begins():
    from skillcluster.diagnostics.domain.scoring import (
        LEARNING_STYLE_LABELS,
        LEARNING_STYLE_RULES,
        LEARNING_STYLES,
        LEARNING_TYPE_LABELS,
        LEARNING_TYPES,
    )

    assert {code: rule.split(":")[0] for code, rule in LEARNING_TYPES.items()} == dict(LEARNING_TYPE_LABELS)
    assert {code: rule.split(":")[0] for code, rule in LEARNING_STYLES.items()} == dict(LEARNING_STYLE_LABELS)
    for code, rule in LEARNING_STYLES.items():
        sentence = LEARNING_STYLE_RULES[code]
        assert rule == f"{LEARNING_STYLE_LABELS[code]}: {sentence[:1].lower()}{sentence[1:]}"


def test_the_domain_words_follow_the_active_language():
    from skillcluster.diagnostics.domain import charts
    from skillcluster.diagnostics.domain.scoring import LEARNING_TYPE_LABELS
    from skillcluster.diagnostics.domain.wording import type_explanation

    with translation.override("it"):
        assert LEARNING_TYPE_LABELS["crisis_manager"] == "Gestore delle emergenze"
        assert type_explanation(None).startswith("Le affermazioni con una risposta sono troppo poche")
        chart = charts.scale_bar_chart({"context": None}, {"context": "Tempo, denaro e reti di contatti"})
        assert "risposte insufficienti" in chart
        assert "la Sua impresa" in chart
        assert charts.heat_map([("all", "Tutte le imprese")], [("context", "Tempo")], {}).count("n &lt; 5") == 1
    with translation.override("fr"):
        assert "Équilibre – sur 100" in charts.triad_chart({}, {}, None)
    assert LEARNING_TYPE_LABELS["crisis_manager"] == "Crisis manager"


def test_a_long_translated_label_widens_the_chart_instead_of_being_cut_off():
    from skillcluster.diagnostics.domain import charts

    english = charts.scale_bar_chart(
        {"participative_learning": 50.0}, {"participative_learning": "Participative learning"}
    )
    german = charts.scale_bar_chart(
        {"participative_learning": 50.0}, {"participative_learning": "Beteiligung der Mitarbeiter/innen"}
    )
    assert 'width="600"' in english
    # 33 characters at 12 px need about 238 px left of the axis: the bars start at 254 instead of 210
    assert 'width="644"' in german
    assert '<rect x="254" y="49" width="170"' in german


def test_each_owner_is_invited_and_reminded_in_their_language(world, diag_round, django_capture_on_commit_callbacks):
    from django.core import mail

    late = FirmFactory(cluster=world.cluster, legal_name="Suolificio Tardi S.r.l.")
    MembershipFactory(person=PersonFactory(email="it@example.org", language="it"), firm=late, role=FirmRole.OWNER)
    MembershipFactory(person=PersonFactory(email="en@example.org"), firm=late, role=FirmRole.OWNER)  # no choice
    world.cluster.language = "de"  # the language of those who made no choice
    world.cluster.save()
    diag_round.deadline = dt.date(2099, 1, 15)
    diag_round.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.round_add_firm(diagnostic_round=diag_round, firm=late)
    subjects = {tuple(m.to): m.subject for m in mail.outbox}
    assert (
        subjects[("it@example.org",)]
        == "Come impara Suolificio Tardi S.r.l.? Spring 2027, risposta entro il 15 Gen 2099"
    )
    assert subjects[("en@example.org",)] == "Wie lernt Suolificio Tardi S.r.l.? Spring 2027, Antwort bis 15 Jan 2099"
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.round_remind(diagnostic_round=diag_round)
    subjects = {tuple(m.to): m.subject for m in mail.outbox}
    assert subjects[("it@example.org",)].startswith("Promemoria: Spring 2027")
    assert subjects[("en@example.org",)].startswith("Erinnerung: Spring 2027")
    assert subjects[("owner@example.org",)].startswith("Erinnerung: Spring 2027")  # the world's owner chose none


def test_a_refused_submission_is_told_why_in_the_language_of_the_form(world, diag_round):
    from django.core.exceptions import ValidationError

    with translation.override("it"), pytest.raises(ValidationError) as error:
        services.response_save(
            diagnostic_round=diag_round,
            firm=world.firm,
            respondent=world.owner,
            form="owner",
            answers={"IG1": 3},
            submit=True,
            language="it",
        )
    assert error.value.messages == [
        "30 delle 31 affermazioni sono ancora senza risposta (segnalate qui sotto, a partire da “Teniamo d'occhio "
        "che cosa offrono i nostri concorrenti e a quali prezzi.”); risponda ad almeno 25 prima di inviare."
    ]
