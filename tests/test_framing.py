"""The framing stage: lexicon entries, their conditions, outlet voice, contested figures."""
from __future__ import annotations

import pytest

import sitroom
from conftest import SEED

THU = "2024-08-15"


def framing(text):
    return sitroom.extract(text, published=THU)["framing"]


def kinds(text):
    return [(f["mention"], f["kind"]) for f in framing(text)]


@pytest.fixture(scope="module")
def seed_out(validate):
    return validate(sitroom.extract(SEED.read_text(encoding="utf-8"), published=THU))


def test_seed_expectations(seed_out):
    found = {(f["mention"], f["kind"]) for f in seed_out["framing"]}
    assert ("caught Russia napping", "loaded_language") in found
    assert ("NATO-backed", "labelling") in found
    for f in seed_out["framing"]:
        assert seed_out["text"][f["start"]:f["end"]] == f["mention"]
        assert f["rationale"]
    assert [f["id"] for f in seed_out["framing"]] == [f"fr{k}" for k in range(1, len(seed_out["framing"]) + 1)]


def test_seed_speculation_inside_a_claim_is_not_framing(seed_out):
    # "the Russian officials speculate that the attack must have been known":
    # the inference is theirs, attributed, not the outlet's.
    assert not [f for f in seed_out["framing"] if "must have" in f["mention"]]


def test_contract_fields(seed_out):
    assert list(seed_out["framing"][0]) == ["id", "mention", "start", "end", "kind", "rationale"]


def test_neutral_news_has_no_framing():
    text = ("Ukrainian troops crossed the border into Russia's Kursk region on August 6, the governor said. "
            "Russia's defence ministry said 117 drones were shot down overnight. "
            "Authorities declared a counter-terrorist operation regime in three regions. "
            "The sanctions regime was extended. Residents were evacuated by bus.")
    assert framing(text) == []


@pytest.mark.parametrize("text, mention, kind", [
    ("The offensive caught Moscow napping.", "caught Moscow napping", "loaded_language"),
    ("The Kyiv regime keeps sending troops.", "Kyiv regime", "loaded_language"),
    ("Ukrainian terrorists shelled the town.", "Ukrainian terrorists", "loaded_language"),
    ("Russian troops liberated the village on Monday.", "liberated", "loaded_language"),
    ("Shelling hit the occupied city overnight.", "occupied", "loaded_language"),
    ("Kremlin-controlled media repeated the figure.", "Kremlin-controlled", "labelling"),
    ("However, NATO backed Ukraine has now taken the lead.", "NATO backed", "labelling"),
    ("Western officials must have known about the plan.", "must have known", "speculation"),
    ("Kyiv clearly intends to hold the territory.", "clearly intends", "speculation"),
])
def test_lexicon_entries(text, mention, kind):
    assert (mention, kind) in kinds(text)


def test_label_without_hyphen_only_when_attributive():
    assert kinds("NATO backed Ukraine's bid for membership in 2008.") == []


def test_attributed_or_quoted_words_are_not_the_outlets():
    # Quoting a speaker's loaded term is reporting, not framing.
    assert framing('Zakharova said the neo-Nazis in Kyiv were targeting civilians.') == []
    assert framing('Residents said "the occupiers" had left the village.') == []
    assert framing('"The regime in Kyiv will answer for this," Peskov said.') == []
    assert [f["kind"] for f in framing("The neo-Nazis in Kyiv are targeting civilians.")] == ["loaded_language"]


def test_unattributed_contested_figures():
    found = kinds("Ukrainian army captures numerous localities and confiscates over 1,000 square km of territory.")
    assert ("captures numerous localities", "unattributed_assertion") in found
    assert any(k == "unattributed_assertion" and "1,000 square km" in m for m, k in found)
    assert any(k == "unattributed_assertion" and "shot down" in m
               for m, k in kinds("Overnight around 120 Ukrainian drones were shot down by Russia."))


def test_sourced_or_civilian_figures_are_not_flagged():
    assert framing("Russia's defence ministry said 120 drones were shot down overnight.") == []
    assert framing("Around 120 drones were shot down, according to the ministry.") == []
    assert framing("A missile strike killed 14 people at a supermarket.") == []


def test_framing_offsets_in_a_corpus_article(validate):
    import json

    from conftest import EXAMPLES

    d = json.loads((EXAMPLES / "05-moscow-courier-kursk-terrorist-attack.json").read_text(encoding="utf-8"))
    out = validate(sitroom.extract(d["text"], published=d["published"]))
    assert ("Kyiv regime", "loaded_language") in {(f["mention"], f["kind"]) for f in out["framing"]}


def test_lexicon_heads_are_necessary():
    """The head words that let phrases.find skip a pattern: read from every
    shipped entry, absent (None) for shapes they cannot be read from, and
    found in every match."""
    from sitroom.framing import lexicon

    entries = lexicon.entries()
    assert all(e.heads for e in entries)
    for source in (r"\bfoo|bar", r"\b(?:a|b)?c", r"(?i)\bx", r"\b[ab]c", r"\b(?:x[|]y|z)", r"(?<!-)\bx"):
        assert lexicon._heads(source) is None, source
    assert lexicon._heads(r"\bneo-?Nazis?\b") == ("neo",)
    assert lexicon._heads(r"\b(?:U\.S\.|US)-backed") == ("u.s.", "us")
    text = SEED.read_text(encoding="utf-8")
    for e in entries:
        for m in e.pattern.finditer(text):
            assert any(m.group().lower().startswith(h) for h in e.heads), (e.heads, m.group())
