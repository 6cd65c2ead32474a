"""Parsing the ``filedesc`` settings section."""

from __future__ import annotations

from pathlib import Path

from filedesc.server.settings import Settings, effective_language, parse_settings, setting_names


def test_defaults_when_nothing_is_sent() -> None:
    assert parse_settings(None) == (Settings(), [])
    assert parse_settings({}) == (Settings(), [])


def test_nested_dotted_and_wrapped_forms() -> None:
    nested = {"backend": "rules", "language": "FR", "codeLens": {"enabled": False, "references": True}}
    dotted = {"backend": "rules", "language": "fr", "codeLens.enabled": False, "codeLens.references": True}
    expected = Settings(backend="rules", language="fr", code_lens_enabled=False, code_lens_references=True)
    assert parse_settings(nested) == (expected, [])
    assert parse_settings(dotted) == (expected, [])
    assert parse_settings({"filedesc": nested}) == (expected, [])


def test_all_settings() -> None:
    raw = {
        "backend": "auto",
        "modelPath": "~/models/small",
        "hover": {"enabled": False},
        "requestTimeout": 2.5,
        "otherExtension": {"x": 1},
    }
    settings, problems = parse_settings(raw)
    assert problems == []
    assert settings.backend is None and settings.hover_enabled is False and settings.request_timeout == 2.5
    assert settings.model_path == Path("~/models/small").expanduser()
    assert set(setting_names()) >= {"backend", "language", "modelPath", "codeLens.enabled", "requestTimeout"}


def test_bad_values_are_reported_and_replaced_by_defaults() -> None:
    base = Settings(language="fr", request_timeout=3.0, hover_enabled=False)
    raw = {"language": "de", "requestTimeout": -1, "hover": {"enabled": "yes"}, "backend": 42}
    settings, problems = parse_settings(raw, base)
    assert settings == Settings()
    assert len(problems) == 4
    assert any("filedesc.language" in p and "'de'" in p for p in problems)
    assert parse_settings({"requestTimeout": True})[1]
    assert parse_settings({"requestTimeout": float("nan")})[1]
    assert parse_settings("not an object")[1]


def test_missing_keys_keep_the_current_values() -> None:
    base = Settings(backend="rules", language="fr")
    assert parse_settings({"hover": {"enabled": False}}, base)[0] == Settings(
        backend="rules", language="fr", hover_enabled=False
    )


def test_language_auto_follows_the_client_locale() -> None:
    assert effective_language(Settings(language="auto"), "fr-CA") == "fr"
    assert effective_language(Settings(language="auto"), "en-GB") == "en"
    assert effective_language(Settings(language="en"), "fr") == "en"
    assert effective_language(Settings(), None) == "en"  # conftest sets LANG=en_US.UTF-8
