"""Requests never wait for a cold embedding cache: the lexical linker answers while the dense one warms up."""

import threading

import pytest

from skillcluster.taxonomy.linking.linker import default_model_dir
from skillcluster.taxonomy.selectors import indexes

pytestmark = pytest.mark.django_db(transaction=True)


def test_request_gets_lexical_linker_until_dense_one_is_ready(small_esco, settings):
    settings.TAXONOMY_LINKER_MODEL = str(default_model_dir())
    first = indexes.linker("skill")
    assert first.mode == "lexical"
    _join_warmers()
    assert indexes.linker("skill").mode == "dense"


def test_commands_wait_for_the_dense_linker(small_esco, settings):
    settings.TAXONOMY_LINKER_MODEL = str(default_model_dir())
    assert indexes.linker("occupation", wait=True).mode == "dense"


def test_lexical_answers_while_dense_build_holds_its_lock(small_esco, settings):
    settings.TAXONOMY_LINKER_MODEL = str(default_model_dir())
    indexes._locks.setdefault("linker:skill", threading.Lock())
    with indexes._locks["linker:skill"]:  # a dense build in progress
        assert indexes.linker("skill").mode == "lexical"
    _join_warmers()


def _join_warmers():
    for thread in threading.enumerate():
        if thread.name.startswith("warm-"):
            thread.join(timeout=60)


def test_link_text_says_when_it_answers_without_the_model(small_esco, settings):
    from skillcluster.taxonomy.selectors import lookup

    settings.TAXONOMY_LINKER_MODEL = str(default_model_dir())
    indexes._locks.setdefault("linker:skill", threading.Lock())
    with indexes._locks["linker:skill"]:
        ranking = lookup.link_text("sew shoes")
    _join_warmers()
    assert ranking.mode == "lexical"
    assert ranking.notes[-1] == lookup.WARMING_NOTE
