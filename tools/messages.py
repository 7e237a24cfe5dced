"""The translation catalogues: extract the marked strings, check them, compile them.

    python tools/messages.py extract          # refresh every catalogue from the code (needs GNU gettext)
    python tools/messages.py compile          # .po -> .mo, pure Python: a fresh clone needs no gettext
    python tools/messages.py check            # complete, placeholders kept, in step with the code
    python tools/messages.py unmarked [PATH]  # template text a person reads that is not marked for translation

Each context keeps its catalogue beside its code (``src/skillcluster/<context>/locale/<lang>/LC_MESSAGES/
django.po``); the kernel's templates (base page, log-in, errors) have theirs in ``src/skillcluster/locale``.
"""

import argparse
import ast
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "skillcluster"
TRANSLATED = ("it", "de", "fr", "es")  # English is the source language

# Words that stay as they are in every language: the product, standards and file formats.
PROPER = set(
    "Skillcluster Skill cluster ESCO NACE NUTS ISCO EQF ELM CLR API JSON JSONL CSV PDF XLSX ICS RSS Atom URL URI"  # noqa: SIM905
    " HTML UTF Europass Moodle DID EN IT DE FR ES OK".split()
)
PLACEHOLDER = re.compile(r"%\((\w+)\)[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrs]|%[sd]|\{(\w*)(?:[:!][^}]*)?\}")


def contexts() -> list[str]:
    sys.path.insert(0, str(ROOT / "src"))
    from skillcluster.contexts import CONTEXTS

    return list(CONTEXTS)


def catalogue_dirs() -> list[Path]:
    """Where catalogues live: the package (kernel) first, then each context."""
    return [PACKAGE, *(PACKAGE / context for context in contexts())]


def catalogues(base: Path = PACKAGE) -> list[Path]:
    return sorted(base.glob("**/locale/*/LC_MESSAGES/django.po"))


# --- extract -------------------------------------------------------------------------------------------


def extract(package: Path = PACKAGE, only: list[str] | None = None) -> None:
    """makemessages in each catalogue folder (or only those named; "kernel" is the package's own); the
    kernel's leaves the contexts' folders to them."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "skillcluster.settings", "DEBUG": "1"}
    django_admin = Path(sys.executable).with_name("django-admin")
    languages = [arg for code in TRANSLATED for arg in ("-l", code)]
    for folder in [package, *(package / context for context in contexts())]:
        if only and (folder.name if folder != package else "kernel") not in only:
            continue
        ignored = ["tests", "migrations", "static", "data"]
        if folder == package:
            ignored += contexts()
        (folder / "locale").mkdir(exist_ok=True)
        done = subprocess.run(  # noqa: S603 (our own django-admin, fixed arguments)
            [str(django_admin), "makemessages", *languages, "--no-obsolete", "--add-location", "file",
             "-e", "html,txt,py", *(f"--ignore={name}" for name in ignored)],
            cwd=folder, env=env, check=False, capture_output=True, text=True,
        )  # fmt: skip
        if done.returncode:
            raise SystemExit(f"messages: makemessages failed in {folder}:\n{done.stderr.strip()}")
        for path in (folder / "locale").glob("*/LC_MESSAGES/django.po"):
            _tidy(path)
        if not any((folder / "locale").glob("*/LC_MESSAGES/django.po")):
            (folder / "locale").rmdir()


def _tidy(path: Path) -> None:
    """A stable header, so that extracting twice changes nothing."""
    catalogue = polib.pofile(str(path), wrapwidth=120)
    catalogue.metadata_is_fuzzy = False
    catalogue.metadata.pop("POT-Creation-Date", None)
    catalogue.metadata.pop("PO-Revision-Date", None)
    catalogue.metadata["Language"] = path.parent.parent.name
    catalogue.metadata["Project-Id-Version"] = "Skillcluster"
    catalogue.header = "Skillcluster's user interface. Translations checked as described in docs/translations/."
    catalogue.save(str(path))


# --- check ---------------------------------------------------------------------------------------------


def placeholders(text: str) -> Counter[str]:
    """Positional placeholders (%s, {}) counted; named ones (%(name)s, {name}) may repeat, so each counts once."""
    found: Counter[str] = Counter()
    for match in PLACEHOLDER.finditer(text):
        name = match.group(1) or match.group(2)
        if name:
            found[f"%({name})" if match.group(1) else f"{{{name}}}"] = 1
        else:
            found[match.group(0)] += 1
    return found


def _formats(entry: polib.POEntry) -> bool:
    return "python-format" in entry.flags or "python-brace-format" in entry.flags


def problems(path: Path) -> list[str]:
    """Each way the catalogue falls short, the message id named."""
    found = []
    catalogue = polib.pofile(str(path))
    where = path.relative_to(ROOT)
    forms = re.search(r"nplurals\s*=\s*(\d+)", catalogue.metadata.get("Plural-Forms", ""))
    nplurals = int(forms.group(1)) if forms else 2
    for entry in catalogue:
        if entry.obsolete:
            continue
        label = f"{where}:{entry.linenum}: msgid {entry.msgid[:60]!r}"
        if "fuzzy" in entry.flags:
            found.append(f"{label}: marked fuzzy (check the translation, then remove the flag)")
        elif not entry.translated():
            found.append(f"{label}: not translated")
        elif entry.msgid_plural and sorted(k for k, v in entry.msgstr_plural.items() if v) != list(range(nplurals)):
            found.append(f"{label}: this language has {nplurals} plural forms; fill every msgstr[n]")
        elif _formats(entry):
            if entry.msgid_plural:
                pairs = [(entry.msgid_plural, text) for text in entry.msgstr_plural.values()]
            else:
                pairs = [(entry.msgid, entry.msgstr)]
            for source, text in pairs:
                wanted, given = placeholders(source), placeholders(text)
                # A plural form may leave the count out ("un solo posto"), but may never invent a placeholder.
                if (given - wanted) or (not entry.msgid_plural and wanted != given):
                    found.append(
                        f"{label}: placeholders {sorted(wanted.elements())} in the original, "
                        f"{sorted(given.elements())} here"
                    )
    return found


def in_step() -> list[str]:
    """The catalogues hold exactly the strings the code marks (extracting into a copy finds the same ids)."""
    if shutil.which("xgettext") is None:
        print("messages: GNU gettext is not installed; skipped comparing the catalogues with the code")
        return []
    found = []
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "skillcluster"
        shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo", "static"))
        extract(copy)
        for fresh in catalogues(copy):
            committed = PACKAGE / fresh.relative_to(copy)
            ids = {(e.msgctxt, e.msgid) for e in polib.pofile(str(fresh)) if not e.obsolete}
            held = (
                {(e.msgctxt, e.msgid) for e in polib.pofile(str(committed)) if not e.obsolete}
                if committed.exists()
                else set()
            )
            for _, msgid in sorted(ids - held, key=str):
                found.append(
                    f"{committed.relative_to(ROOT)}: missing msgid {msgid[:60]!r} (run tools/messages.py extract)"
                )
            for _, msgid in sorted(held - ids, key=str):
                found.append(
                    f"{committed.relative_to(ROOT)}: msgid {msgid[:60]!r} is no longer in the code (run extract)"
                )
    return found


def check() -> int:
    found = [problem for path in catalogues() for problem in problems(path)]
    for folder in catalogue_dirs():
        for language in TRANSLATED:
            if (folder / "locale").exists() and not (folder / "locale" / language).exists():
                found.append(f"{(folder / 'locale').relative_to(ROOT)}: no catalogue for {language!r}")
    found += in_step()
    found += [f"{path}:{line}: not marked for translation: {text!r}" for path, line, text in unmarked()]
    found += [f"{path}:{line}: not marked for translation: {text}" for path, line, text in unmarked_python()]
    for problem in found:
        print(problem)
    print(f"messages: {len(catalogues())} catalogues, {len(found)} problems")
    return 1 if found else 0


# --- compile -------------------------------------------------------------------------------------------


def compile_all() -> int:
    """Write each .mo whose .po changed; a broken placeholder fails the build, the message id named."""
    broken = []
    for path in catalogues():
        mo = path.with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= path.stat().st_mtime:
            continue
        errors = [problem for problem in problems(path) if "placeholders" in problem]
        if errors:
            broken += errors
            continue
        polib.pofile(str(path)).save_as_mofile(str(mo))
    for problem in broken:
        print(problem)
    return 1 if broken else 0


# --- unmarked template text ----------------------------------------------------------------------------

MARK = "\x00"
ATTRIBUTES = {"title", "placeholder", "aria-label", "alt", "label", "data-confirm"}
SKIPPED_ELEMENTS = {"script", "style", "code", "pre"}


def _template_text(source: str) -> str:
    """The template with every tag, variable and translated block replaced by a mark (newlines kept)."""
    from django.template.base import Lexer, TokenType

    out, hidden = [], 0
    for token in Lexer(source).tokenize():
        name = token.contents.split()[0] if token.token_type == TokenType.BLOCK and token.contents else ""
        if name in ("blocktranslate", "blocktrans", "comment"):
            hidden += 1
        elif name in ("endblocktranslate", "endblocktrans", "endcomment"):
            hidden -= 1
        if token.token_type == TokenType.TEXT and not hidden:
            out.append(token.contents)
        else:
            out.append(MARK + "\n" * token.contents.count("\n"))
    return "".join(out)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skipping: list[str] = []
        self.found: list[tuple[int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIPPED_ELEMENTS:
            self.skipping.append(tag)
        for name, value in attrs:
            if name in ATTRIBUTES and value:
                self._words(value)

    def handle_endtag(self, tag: str) -> None:
        if self.skipping and self.skipping[-1] == tag:
            self.skipping.pop()

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self._words(data)

    def _words(self, text: str) -> None:
        words = [w for w in re.finditer(r"[^\W\d_]{2,}", text) if w.group() not in PROPER]
        if words:
            line = self.getpos()[0] + text.count("\n", 0, words[0].start())
            self.found.append((line, " ".join(text.replace(MARK, "…").split())[:80]))


# Python files whose literal refusals only developers or operators read: model invariants, a command's loader.
PYTHON_EXEMPT = ("models.py", "category_overrides.py")


def _words_in(node: ast.expr) -> bool:
    """A string literal, or an f-string whose own text (not its values) has words."""
    parts = node.values if isinstance(node, ast.JoinedStr) else [node]
    return any(isinstance(p, ast.Constant) and isinstance(p.value, str) and re.search(r"[^\W\d_]{2,}", p.value)
               for p in parts)  # fmt: skip


def unmarked_python() -> list[tuple[Path, int, str]]:
    """Messages for people written as plain literals: `messages.success(request, "…")` and `ValidationError("…")`
    (or a dict of them) outside the pure layers, tests, migrations and commands."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE)
        skipped = {"tests", "migrations", "management", "domain", "vc", "linking"}
        if skipped.intersection(rel.parts) or rel.name in PYTHON_EXEMPT or rel.name.endswith("settings.py"):
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.Call):
                continue
            func, texts = node.func, []
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            owner = getattr(getattr(func, "value", None), "id", "")
            if owner == "messages" and name in ("success", "error", "info", "warning") and len(node.args) > 1:
                texts = [node.args[1]]
            elif name == "ValidationError" and node.args:
                first = node.args[0]
                texts = [v for v in first.values if v is not None] if isinstance(first, ast.Dict) else [first]
            found += [(path.relative_to(ROOT), node.lineno, ast.unparse(t)[:80]) for t in texts if _words_in(t)]
    return found


def unmarked(paths: list[Path] | None = None) -> list[tuple[Path, int, str]]:
    import django
    from django.conf import settings

    if not settings.configured:
        settings.configure()
        django.setup()
    files = paths or sorted([*PACKAGE.glob("**/templates/**/*.html"), *PACKAGE.glob("**/templates/**/*.txt")])
    found = []
    for path in files:
        reader = _Reader()
        text = _template_text(path.read_text())
        if path.suffix == ".txt":
            text = text.replace("<", "&lt;")
        reader.feed(text)
        reader.close()
        found += [(path.relative_to(ROOT), line, words) for line, words in reader.found]
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["extract", "compile", "check", "unmarked"])
    parser.add_argument("paths", nargs="*", help="unmarked: templates to read; extract: contexts (or kernel)")
    args = parser.parse_args()
    if args.command == "extract":
        extract(only=args.paths)
        return compile_all()
    if args.command == "compile":
        return compile_all()
    if args.command == "unmarked":
        found = unmarked([Path(path).resolve() for path in args.paths] or None)
        for path, line, text in found:
            print(f"{path}:{line}: {text}")
        return 1 if found else 0
    return check()


if __name__ == "__main__":
    sys.exit(main())
