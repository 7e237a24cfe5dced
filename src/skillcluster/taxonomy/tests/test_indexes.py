"""Requests never wait for a cold embedding cache: the lexical linker answers while the dense one warms up."""

import threading

import pytest

from skillcluster.taxonomy import indexes
from skillcluster.taxonomy.linking import default_model_dir

pytestmark = pytest.mark.django_db(transaction=True)


def test_request_gets_lexical_linker_until_dense_one_is_ready(small_esco, settings):
    settings.TAXONOMY_LINKER_MODEL = str(default_model_dir())
    first = indexes.linker("skill")
    assert first.mode == "lexical"
    for thread in threading.enumerate():
        if thread.name == "warm-skill-linker":
            thread.join(timeout=60)
    assert indexes.linker("skill").mode == "dense"


def test_commands_wait_for_the_dense_linker(small_esco, settings):
    settings.TAXONOMY_LINKER_MODEL = str(default_model_dir())
    assert indexes.linker("occupation", wait=True).mode == "dense"
