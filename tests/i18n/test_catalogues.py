"""Every language's catalogue is complete: no untranslated or fuzzy entry, and the plural rule
of the language (Arabic six forms, Russian three, Chinese one)."""

import fcntl
import hashlib
import shutil
import subprocess
import tempfile
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

LOCALE = Path(settings.BASE_DIR) / "locale"
# Django's language codes and their catalogue folders.
CATALOGUES = {"ar": "ar", "zh-hans": "zh_Hans", "fr": "fr", "ru": "ru", "es": "es"}
PLURALS = {"ar": 6, "zh-hans": 1, "fr": 2, "ru": 3, "es": 2}


def _catalogue(language):
    return polib.pofile(str(LOCALE / CATALOGUES[language] / "LC_MESSAGES" / "django.po"))


def test_every_un_language_but_english_has_a_catalogue():
    assert [code for code, _name in settings.LANGUAGES] == ["ar", "zh-hans", "en", "fr", "ru", "es"]
    assert sorted(path.name for path in LOCALE.iterdir()) == sorted(CATALOGUES.values())


@pytest.mark.parametrize("language", CATALOGUES)
def test_the_catalogue_has_no_untranslated_or_fuzzy_entry(language):
    catalogue = _catalogue(language)

    assert [entry.msgid for entry in catalogue.untranslated_entries()] == []
    assert [entry.msgid for entry in catalogue.fuzzy_entries()] == []
    assert not catalogue.metadata_is_fuzzy


@pytest.mark.parametrize("language", CATALOGUES)
def test_plural_entries_have_every_form_of_the_language(language):
    catalogue = _catalogue(language)
    forms = PLURALS[language]

    assert f"nplurals={forms};" in catalogue.metadata["Plural-Forms"]
    for entry in catalogue:
        if entry.msgid_plural:
            assert sorted(entry.msgstr_plural) == list(range(forms)), entry.msgid
            assert all(entry.msgstr_plural.values()), entry.msgid


@pytest.mark.skipif(not shutil.which("msgfmt"), reason="gettext's msgfmt is not installed")
@pytest.mark.parametrize("language", CATALOGUES)
def test_msgfmt_checks_the_catalogue_and_finds_it_complete(language):
    po = LOCALE / CATALOGUES[language] / "LC_MESSAGES" / "django.po"
    result = subprocess.run(  # noqa: S603 (a fixed program on a file of the repository)
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(po)],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
    )

    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr


@pytest.mark.parametrize("language", CATALOGUES)
def test_the_compiled_catalogue_is_in_the_tree_and_up_to_date(language):
    folder = LOCALE / CATALOGUES[language] / "LC_MESSAGES"
    compiled = polib.mofile(str(folder / "django.mo"))

    assert {entry.msgid for entry in compiled} >= {e.msgid for e in _catalogue(language)}


@pytest.mark.parametrize(
    ("language", "count", "expected"),
    [
        ("ar", 1, "ممارسة واحدة (1)"),
        ("ar", 2, "ممارستان (2)"),
        ("ar", 5, "5 ممارسات"),
        ("ar", 11, "11 ممارسة"),
        ("ru", 1, "1 практика"),
        ("ru", 3, "3 практики"),
        ("ru", 11, "11 практик"),
        ("ru", 21, "21 практика"),
        ("zh-hans", 7, "7项做法"),
    ],
)
def test_counts_take_the_plural_form_of_the_language(language, count, expected):
    with translation.override(language):
        text = translation.ngettext("%(count)s practice", "%(count)s practices", count)

    assert text % {"count": count} == expected


@pytest.mark.skipif(not shutil.which("xgettext"), reason="gettext's xgettext is not installed")
def test_every_string_marked_in_the_code_is_in_the_catalogues(settings):
    """makemessages run afresh (into a copy of the French catalogue) finds nothing new: a string
    marked for translation but never extracted would otherwise show in English everywhere."""
    from django.core.management import call_command

    base = Path(settings.BASE_DIR)
    # makemessages writes each source file's strings to the first LOCALE_PATHS entry whose
    # parent holds the file: the copy must be a folder of the project's, ahead of locale/.
    scratch = Path(tempfile.mkdtemp(prefix=".catalogue-check-", dir=base))
    # makemessages also writes a ``.py`` copy beside each template while it runs: two runs in
    # one tree (CI's PostgreSQL and SQLite passes run side by side) would remove each other's.
    tree = hashlib.sha256(str(base).encode()).hexdigest()[:12]
    lock = open(Path(tempfile.gettempdir()) / f"gfmd-makemessages-{tree}.lock", "w")  # noqa: SIM115
    fcntl.flock(lock, fcntl.LOCK_EX)
    try:
        shutil.copytree(LOCALE / "fr", scratch / "fr")
        settings.LOCALE_PATHS = [str(scratch)]
        call_command(
            "makemessages",
            locale=["fr"],
            ignore_patterns=[".venv", "staticfiles", "node_modules", "locale"],
            no_obsolete=True,
            verbosity=0,
        )
        catalogue = polib.pofile(str(scratch / "fr" / "LC_MESSAGES" / "django.po"))
    finally:
        shutil.rmtree(scratch)
        lock.close()
    missing = [entry.msgid for entry in catalogue.untranslated_entries()]
    missing += [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert missing == [], "run makemessages for every language and translate: " + repr(missing[:10])
