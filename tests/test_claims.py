"""The claims stage: attribution patterns, speaker sides, verification, figure links."""
from __future__ import annotations

import json

import pytest

import sitroom
from conftest import SEED

THU = "2024-08-15"


def extract(text, published=THU):
    return sitroom.extract(text, published=published)


def claims(text):
    return extract(text)["claims"]


def by_speaker(found, speaker):
    hits = [c for c in found if c["speaker"] == speaker]
    assert hits, (speaker, [(c["speaker"], c["content"]) for c in found])
    return hits[0]


def check_offsets(text, c):
    assert text[c["content_start"]:c["content_end"]] == c["content"]
    assert text[c["cue_start"]:c["cue_end"]] == c["cue"]
    if c["speaker"] is not None:
        assert text[c["speaker_start"]:c["speaker_end"]] == c["speaker"]


@pytest.fixture(scope="module")
def seed_out(validate):
    text = SEED.read_text(encoding="utf-8")
    return validate(sitroom.extract(text, published=THU))


# --- the seed article ------------------------------------------------------

@pytest.mark.parametrize("speaker, cue, word, allowed", [
    ("President Volodymyr Zelensky", "declared", "advancing", {"asserted"}),
    ("Putin", "charged", "indiscriminate", {"asserted", "disputed"}),
    ("the Kremlin", "According to", "calculated", {"asserted", "hedged"}),
    ("The White House", "said", "no idea", {"asserted", "denied"}),
    ("the Russian officials", "speculate", "Western backers", {"hedged"}),
    ("One U.S. official", "said", "theory", {"asserted", "hedged"}),
    ("Ukraine", "reports", "territory", {"unverified"}),
])
def test_seed_claims(seed_out, speaker, cue, word, allowed):
    c = by_speaker(seed_out["claims"], speaker)
    assert c["cue"] == cue
    assert word in c["content"]
    assert c["verification"] in allowed
    check_offsets(seed_out["text"], c)


def test_seed_sides_and_ids(seed_out):
    sides = {c["speaker"]: c["speaker_side"] for c in seed_out["claims"]}
    assert sides["President Volodymyr Zelensky"] == "UA"
    assert sides["the Kremlin"] == "RU"
    assert sides["The White House"] == "US"
    assert sides["One U.S. official"] == "US"
    assert [c["id"] for c in seed_out["claims"]] == [f"c{k}" for k in range(1, len(seed_out["claims"]) + 1)]
    starts = [c["cue_start"] for c in seed_out["claims"]]
    assert starts == sorted(starts)


def test_seed_heading_is_not_part_of_the_speaker(seed_out):
    # "International Reactions\nThe White House said ...": the heading line is not the speaker.
    assert "Reactions" not in json.dumps([c["speaker"] for c in seed_out["claims"]])


def test_contract_field_order(seed_out):
    assert list(seed_out["claims"][0])[:12] == [
        "id", "speaker", "speaker_start", "speaker_end", "cue", "cue_start", "cue_end",
        "content", "content_start", "content_end", "speaker_side", "verification",
    ]


# --- attribution patterns -------------------------------------------------

def test_said_that():
    text = "The governor said that 13 people were injured in the strike."
    c = by_speaker(claims(text), "The governor")
    assert (c["cue"], c["content"]) == ("said", "13 people were injured in the strike")
    check_offsets(text, c)


def test_trailing_and_inverted_said():
    text = "Two civilians were wounded in shelling of the district, the governor said."
    c = by_speaker(claims(text), "the governor")
    assert c["content"] == "Two civilians were wounded in shelling of the district"
    text = '"They fired at everything that moved," said one woman from Sudzha.'
    c = by_speaker(claims(text), "one woman from Sudzha")
    assert c["content"] == "They fired at everything that moved"
    check_offsets(text, c)


def test_according_to_at_start_and_end():
    text = "According to the Ministry of Defence, 117 drones were destroyed overnight."
    c = by_speaker(claims(text), "the Ministry of Defence")
    assert (c["cue"], c["content"]) == ("According to", "117 drones were destroyed overnight")
    text = "Residents reported hearing explosions near the base, according to local media."
    found = claims(text)
    c = by_speaker(found, "local media")
    assert c["content"] == "Residents reported hearing explosions near the base"


def test_according_to_a_document_names_its_author():
    text = "According to the ministry's daily briefing, the enemy lost 270 servicemen."
    c = claims(text)[0]
    assert c["speaker"] == "the ministry"


def test_reporting_verbs_with_clause_object_or_infinitive():
    text = ("Putin vowed to oust the invaders from Kursk region. "
            "Moscow accused Kyiv of shelling a nuclear plant. "
            "The Pentagon denied any involvement in the operation.")
    found = claims(text)
    assert by_speaker(found, "Putin")["content"] == "to oust the invaders from Kursk region"
    assert by_speaker(found, "Moscow")["content"] == "Kyiv of shelling a nuclear plant"
    assert by_speaker(found, "The Pentagon")["content"] == "any involvement in the operation"


def test_colon_quote():
    text = 'Peskov told reporters: "There will be no talks with Kyiv."'
    c = by_speaker(claims(text), "Peskov")
    assert c["content"] == "There will be no talks with Kyiv."[:-1]


def test_possessive_and_by_reporting_nouns():
    text = ("The Russian Defence Ministry's claim that it destroyed 80 tanks was widely repeated. "
            "Reports by Kyiv of villages captured near Sudzha spread quickly.")
    found = claims(text)
    c = by_speaker(found, "The Russian Defence Ministry")
    assert (c["cue"], c["content"]) == ("claim", "it destroyed 80 tanks")
    c = by_speaker(found, "Kyiv")
    assert c["cue"] == "Reports" and "villages captured" in c["content"]


def test_act_is_not_a_claim():
    # Declaring an emergency is an act; not saying something is no claim.
    assert claims("The governor declared a state of emergency in the region.") == []
    assert claims("Ukrainian officials did not say how many troops took part.") == []
    assert claims("Heavy fighting continued near Sudzha on Thursday.") == []


def test_dateline_is_not_the_speaker():
    text = "MOSCOW, Aug 14 (Continental Wire) - Russia said on Wednesday it had shot down 117 Ukrainian drones."
    c = claims(text)[0]
    assert c["speaker"] == "Russia" and c["speaker_side"] == "RU"


# --- speaker side ----------------------------------------------------------

@pytest.mark.parametrize("sentence, speaker, side", [
    ("Kremlin spokesman Dmitry Peskov said the talks were off.", "Kremlin spokesman Dmitry Peskov", "RU"),
    ("Ukraine's General Staff said its forces had struck two air bases.", "Ukraine's General Staff", "UA"),
    ("A Pentagon spokesman said the United States had no advance notice.", "A Pentagon spokesman", "US"),
    ("NATO said the alliance was not a party to the conflict.", "NATO", "NATO"),
    ("The IAEA said the plant's safety was at risk.", "The IAEA", "IAEA"),
    ("Polish officials said the drone had crashed in a field.", "Polish officials", "PL"),
    ("The local baker said the bread had run out.", "The local baker", None),
])
def test_speaker_side(sentence, speaker, side):
    assert by_speaker(claims(sentence), speaker)["speaker_side"] == side


def test_pronoun_and_definite_speakers_inherit_side():
    text = ("Russia's defence ministry said 37 drones were destroyed over Kursk region. "
            "It said four missiles were intercepted. The ministry said the attack had failed.")
    found = claims(text)
    assert by_speaker(found, "It")["speaker_side"] == "RU"
    assert by_speaker(found, "The ministry")["speaker_side"] == "RU"


def test_us_only_in_upper_case():
    c = by_speaker(claims("The farmer told us that his barn burned down."), "The farmer")
    assert c["speaker_side"] is None


# --- verification ----------------------------------------------------------

def test_plain_statement_is_asserted():
    assert claims("The governor said 13 people were injured.")[0]["verification"] == "asserted"


@pytest.mark.parametrize("sentence", [
    "Officials speculate that the attack was planned months ago.",
    "The ministry said the drones may have been launched from Sumy.",
    "The governor said the debris could have come from an interceptor.",
    "Officials said the attack must have been known to Kyiv's backers.",
    "The commander reportedly said the town had fallen.",
])
def test_hedged(sentence):
    assert claims(sentence)[0]["verification"] == "hedged"


@pytest.mark.parametrize("text", [
    "Russia said it had shot down 117 drones. The claim could not be independently verified.",
    "Russia said it had shot down 117 drones. This could not be verified independently.",
    "Russia said it had shot down 117 drones. These figures are not able to be confirmed independently.",
    "Russia said it had shot down 117 drones. The figures have not been independently confirmed.",
    "Russia said it had shot down 117 drones. Independent confirmation is impossible.",
    "Russia said it had shot down 117 drones, a claim that could not be independently verified.",
])
def test_unverified_same_or_next_sentence(text):
    c = by_speaker(claims(text), "Russia")
    assert c["verification"] == "unverified"
    check_offsets(text, c)
    assert "verified" not in c["content"] and "claim" not in c["content"]


def test_not_confirmed_by_the_other_side_is_not_unverified():
    # A party declining to confirm is not the article saying nothing can be checked.
    text = "Kyiv said its troops had taken Sudzha. The Russian side has not confirmed the loss of the town."
    assert by_speaker(claims(text), "Kyiv")["verification"] != "unverified"


def test_either_side_covers_earlier_paragraph():
    text = ("Russia's defence ministry said 37 of the drones were destroyed over Kursk region.\n\n"
            "Ukraine's General Staff said its forces had struck two air bases. "
            "The agency could not independently verify either side's account.")
    found = claims(text)
    assert {c["verification"] for c in found} == {"unverified"}


def test_denied():
    text = "Kyiv denied that its forces had shelled the nuclear plant."
    c = by_speaker(claims(text), "Kyiv")
    assert (c["cue"], c["verification"]) == ("denied", "denied")
    assert c["content"] == "its forces had shelled the nuclear plant"


def test_disputed_by_other_side():
    text = ("Putin said Ukrainian forces had shelled the Kursk nuclear plant. "
            "Kyiv rejected the claims.")
    found = claims(text)
    assert by_speaker(found, "Putin")["verification"] == "disputed"
    assert by_speaker(found, "Kyiv")["verification"] == "denied"


def test_disputed_by_topic_and_inside_a_denial():
    text = ("Zelensky said Ukrainian troops had captured Sudzha and 74 settlements. "
            "Russia's defence ministry denied that Sudzha and the settlements had been captured.")
    assert by_speaker(claims(text), "Zelensky")["verification"] == "disputed"
    text = "The ministry dismissed claims from Kyiv about the capture of Sudzha."
    assert by_speaker(claims(text), "Kyiv")["verification"] == "disputed"


def test_same_side_denial_does_not_dispute():
    text = ("Zelensky said Ukrainian troops had captured Sudzha and 74 settlements. "
            "Syrskyi denied that the troops had captured Sudzha and 74 settlements.")
    assert by_speaker(claims(text), "Zelensky")["verification"] == "asserted"


def test_confirmed():
    text = ("Kyiv said its drones hit the Lipetsk air base. "
            "The damage was independently confirmed by satellite images.")
    assert by_speaker(claims(text), "Kyiv")["verification"] == "confirmed"
    text = "Kyiv said its drones hit the air base. The damage has not been confirmed by satellite images."
    assert by_speaker(claims(text), "Kyiv")["verification"] != "confirmed"


# --- figures ----------------------------------------------------------------

def test_figures_linked_to_their_claim():
    text = ("The ministry said the enemy had lost up to 660 servicemen and 82 armoured vehicles. "
            "Around 200,000 people fled the region.")
    out = extract(text)
    c = out["claims"][0]
    inside = [f for f in out["figures"] if c["content_start"] <= f["start"] < c["content_end"]]
    outside = [f for f in out["figures"] if f["start"] >= c["content_end"]]
    assert inside and outside
    assert all(f["claim_id"] == c["id"] for f in inside)
    assert all(f.get("claim_id") is None for f in outside)


def test_figure_goes_to_innermost_claim():
    from sitroom.claims.linking import link_figures

    cl = [{"id": "c1", "content_start": 0, "content_end": 100}, {"id": "c2", "content_start": 20, "content_end": 60}]
    figs = [{"start": 30, "end": 35, "claim_id": None}, {"start": 70, "end": 75, "claim_id": None}, {"start": 120, "end": 125, "claim_id": None}]
    link_figures(cl, figs)
    assert [f["claim_id"] for f in figs] == ["c2", "c1", None]


# --- whole corpus ----------------------------------------------------------

def test_corpus_claims_are_valid_and_deterministic(validate):
    from conftest import EXAMPLES

    for path in sorted(EXAMPLES.glob("*.json"))[:6]:
        d = json.loads(path.read_text(encoding="utf-8"))
        a = validate(sitroom.extract(d["text"], published=d.get("published")))
        b = sitroom.extract(d["text"], published=d.get("published"))
        assert json.dumps(a["claims"]) == json.dumps(b["claims"])
        for c in a["claims"]:
            check_offsets(a["text"], c)
            assert c["verification"] in {"asserted", "hedged", "unverified", "denied", "disputed", "confirmed"}


def test_characterisation_needs_object_and_name():
    text = 'Putin called the raid a "large-scale provocation". Kyiv called for talks.'
    found = claims(text)
    c = by_speaker(found, "Putin")
    assert (c["cue"], c["content"]) == ("called", 'the raid a "large-scale provocation"')
    assert [x["speaker"] for x in found] == ["Putin"]


def test_relative_clause_is_not_part_of_the_speaker():
    text = 'Putin, who on August 7 called the attack a "large-scale provocation", has not spoken since.'
    c = claims(text)[0]
    assert c["speaker"] == "Putin"


def test_paragraph_glued_by_the_parser_keeps_its_own_speaker():
    # The small model sometimes joins "...on August 6.\n\nPresident ..." into one
    # sentence; the speaker must still come from the second paragraph.
    text = ("The ministry said the enemy had lost up to 660 servicemen since the start of the attack on August 6.\n\n"
            "President Vladimir Putin on Wednesday called the raid a \"large-scale provocation\" and said "
            "the enemy was shelling residential buildings and ambulances indiscriminately.")
    found = claims(text)
    for c in found:
        check_offsets(text, c)
        assert "\n" not in c["speaker"] and "\n" not in c["content"]
    assert any(c["cue"] == "said" and "shelling" in c["content"] and "Putin" in c["speaker"] for c in found)


def test_figures_remark_refers_to_last_claim_sentence_only():
    text = ("Gerasimov said the advance had been halted. "
            "The ministry said Ukraine had lost up to 315 servicemen. The agency could not verify the figures.")
    found = claims(text)
    assert by_speaker(found, "The ministry")["verification"] == "unverified"
    assert by_speaker(found, "Gerasimov")["verification"] == "asserted"


def test_parenthetical_said_and_preceding_quote():
    text = ("Ukraine's air force has destroyed a key bridge over the Seym river, its commander said, "
            "in a strike that could slow supplies.")
    c = by_speaker(claims(text), "its commander")
    assert c["content"] == "Ukraine's air force has destroyed a key bridge over the Seym river"
    assert c["speaker_side"] == "UA"
    text = 'The video showed the span collapsing. "Kursk direction. Minus one bridge," Oleshchuk wrote.'
    c = by_speaker(claims(text), "Oleshchuk")
    assert (c["cue"], c["content"]) == ("wrote", "Kursk direction. Minus one bridge")
    check_offsets(text, c)


def test_local_official_takes_the_sentences_place():
    text = "Ukrainian forces control 28 settlements in Russia's Kursk region, the region's acting governor told Putin."
    assert by_speaker(claims(text), "the region's acting governor")["speaker_side"] == "RU"
    text = "In Kharkiv, the city's mayor reported that explosions had damaged a civilian building."
    assert by_speaker(claims(text), "the city's mayor")["speaker_side"] == "UA"


def test_neither_sides_claims_unverified_not_confirmed():
    text = ("Kyiv said its troops had taken Sudzha. "
            "Russia's defence ministry said its forces had repelled attacks near Sudzha. "
            "Neither side's claims could be independently verified.")
    assert {c["verification"] for c in claims(text)} == {"unverified"}
