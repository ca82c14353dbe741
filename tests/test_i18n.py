"""Every user-facing string is in both catalogues (Indonesian, the default, and English)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from kenali.i18n import catalogue

ROOT = Path(__file__).resolve().parent.parent / "kenali"
LOCALES = ROOT / "locales"
# t("key"), t('key'), page.t("key"), KenaliError("key", …), InputError("key", …)
CALLS = re.compile(r"""(?:\bt|\.t|KenaliError|InputError|_fail)\(\s*["']([a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+)["']""")


def test_catalogues_have_the_same_keys() -> None:
    for id_file in sorted(LOCALES.glob("*id.json")):
        en_file = id_file.with_name(id_file.name.replace("id.json", "en.json"))
        ids, ens = json.loads(id_file.read_text("utf-8")), json.loads(en_file.read_text("utf-8"))
        assert set(ids) == set(ens), (id_file.name, set(ids) ^ set(ens))
        for key, text in ids.items():
            assert set(re.findall(r"{(\w+)", text)) == set(re.findall(r"{(\w+)", ens[key])), key


def test_no_key_is_defined_twice_with_different_texts() -> None:
    seen: dict[str, tuple[str, str]] = {}
    for path in sorted(LOCALES.glob("*id.json")):
        for key, text in json.loads(path.read_text("utf-8")).items():
            if key in seen and seen[key][1] != text:
                raise AssertionError(f"{key} in {seen[key][0]} and {path.name} differs")
            seen[key] = (path.name, text)


def test_every_literal_key_used_exists() -> None:
    known_id, known_en = set(catalogue("id")), set(catalogue("en"))
    missing = []
    for path in list(ROOT.rglob("*.py")) + list(ROOT.rglob("*.html")):
        for key in CALLS.findall(path.read_text("utf-8")):
            if key.endswith(".") or key not in known_id or key not in known_en:
                missing.append(f"{path.relative_to(ROOT)}: {key}")
    assert not missing, missing
