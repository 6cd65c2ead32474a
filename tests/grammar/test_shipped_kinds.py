"""Kinds of file the shipped lexicon names (not the fixture's): framework conventions, compound extensions, globs.

Each came from real project names the rules used to give up on ("PHP script named '2014_10_12_..._table'",
"File named 'Times-Roman.afm'"); the shipped lexicon must keep naming them.
"""

from __future__ import annotations

import pytest

from filedesc.grammar.rules import describe_by_rules
from filedesc.lexicon import Lexicon, load_lexicon


@pytest.fixture(scope="module")
def shipped() -> Lexicon:
    return load_lexicon()


@pytest.mark.parametrize(
    ("name", "en_start", "fr_start"),
    [
        ("2014_10_12_000000_create_users_table.php", "Laravel migration that creates", "Migration Laravel qui crée"),
        ("4b2a1c3d9e8f_add_user_table.py", "Alembic migration that adds", "Migration Alembic qui ajoute"),
        ("Times-Roman.afm", "Adobe font metrics file", "Fichier de métriques de police Adobe"),
        ("checksum.bats", "Bats test file", "Fichier de test Bats"),
        ("pagerechercheavancee.jsp", "JSP page", "Page JSP"),
        ("lettres.xslt", "XSLT stylesheet", "Feuille de style XSLT"),
        ("create_or_edit.blade.php", "Blade template", "Template Blade"),
        ("_form.html.erb", "ERB HTML template", "Template HTML ERB"),
        ("booking_api_model.g.dart", "Generated Dart code", "Code Dart généré"),
        ("docker-compose.dev.yml", "Docker Compose file with the settings of one environment",
         "Fichier Docker Compose avec les réglages d'un environnement"),
        ("Dockerfile.dev", "Dockerfile that builds a variant", "Dockerfile qui construit une variante"),
        ("pg_stat_statements--1.4.sql", "SQL script", "Script SQL"),
    ],
)
def test_the_shipped_lexicon_names_the_kind(shipped: Lexicon, name: str, en_start: str, fr_start: str) -> None:
    assert describe_by_rules(name, "en", shipped).startswith(en_start)
    assert describe_by_rules(name, "fr", shipped).startswith(fr_start)


def test_exact_names_still_win_over_the_new_globs(shipped: Lexicon) -> None:
    assert describe_by_rules("docker-compose.prod.yml", "en", shipped).startswith(
        "Docker Compose file with the production settings"
    )
    assert describe_by_rules("Dockerfile", "en", shipped).startswith("Dockerfile that builds the container image")


def test_a_dotted_version_is_read_as_one(shipped: Lexicon) -> None:
    assert describe_by_rules("pg_stat_statements--1.4.sql", "en", shipped).endswith(", version 1.4.")
