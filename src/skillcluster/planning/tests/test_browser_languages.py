"""The main pages walked in Italian and German, as a firm owner and as a cluster manager: no English left.

Two nets catch English. Every string the catalogues translate must not show in its English form, and no text
on the page may read as English (two English function words that Italian and German do not have). ESCO labels
shown in English for want of a translation carry `lang="en"` and are skipped.
"""

import re

import pytest
from django.conf import settings

from skillcluster.conftest import _page
from skillcluster.tenancy.tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Visible text nodes, outside <code> and anything marked lang="en" (ESCO fallbacks), one per element.
TEXTS = """() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, element = node.parentElement;
    if (!element || element.closest('code, pre, script, style, [lang="en"], [hidden]')) continue;
    const text = node.textContent.replace(/\\s+/g, ' ').trim();
    if (text && element.offsetParent !== null) out.push(text);
  }
  for (const element of document.querySelectorAll('[placeholder], [title], [aria-label]')) {
    if (element.closest('[lang="en"]')) continue;
    for (const name of ['placeholder', 'title', 'aria-label']) {
      const value = element.getAttribute(name);
      if (value) out.push(value.trim());
    }
  }
  return out;
}"""


def english_msgids() -> set[str]:
    """The English of every string the Italian catalogues translate differently (several words long)."""
    import polib

    found = set()
    for path in settings.PACKAGE_DIR.glob("**/locale/it/LC_MESSAGES/django.po"):
        for entry in polib.pofile(str(path)):
            if entry.msgstr and entry.msgstr != entry.msgid and "%" not in entry.msgid and " " in entry.msgid:
                found.add(entry.msgid)
    return found


# English words that are not words of Italian or German: two of them in one text mean an English sentence.
ENGLISH_ONLY = {"the", "and", "of", "to", "with", "for", "you", "your", "our", "we", "is", "are", "this", "that",
                "from", "by", "be", "has", "have", "not", "can", "what", "who", "which", "their", "its"}  # fmt: skip


def reads_english(text: str) -> bool:
    return len(ENGLISH_ONLY.intersection(re.findall(r"[a-z]+", text.lower()))) >= 2


def english_on(page, known: set[str]) -> list[str]:
    return [t for t in page.evaluate(TEXTS) if t in known or reads_english(t)]


def _walk(page, start: str) -> dict[str, list[str]]:
    """The start page and every page its section tabs lead to: what reads as English on each."""
    known = english_msgids()
    page.goto(start)
    urls = [start, *page.locator("nav.tabs a").evaluate_all("links => links.map(a => a.href)")]
    return {url: found for url in dict.fromkeys(urls) if (page.goto(url), found := english_on(page, known))[1]}


@pytest.mark.parametrize("locale", ["it", "de"])
def test_the_owner_and_the_manager_read_their_language(world, chromium, live_server, locale):
    walks = [(world.owner, f"/firms/{world.firm.pk}/"), (world.cluster_manager, f"/clusters/{world.cluster.pk}/")]
    for person, start in walks:
        page = _page(chromium, live_server.url, locale=locale)
        page.goto(f"{page.base}/accounts/login/")
        assert page.locator("html").get_attribute("lang") == locale
        page.locator("input[name=username]").fill(person.email)
        page.locator("input[name=password]").fill(PASSWORD)
        page.locator("main form button[type=submit]").click()
        page.wait_for_load_state()
        assert _walk(page, f"{page.base}{start}") == {}
        page.context.close()
