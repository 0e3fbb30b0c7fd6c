"""Page furniture after the article body is kept in `text` but never read."""
from __future__ import annotations

from conftest import SEED

from sitroom.parse.furniture import find_body_end, is_furniture

PROSE = (
    "Ukrainian forces advanced further into the Kursk region on Thursday.\n"
    "Officials said the situation remained tense.\n"
)


def test_seed_comment_count_and_pingback_are_cut():
    text = SEED.read_text(encoding="utf-8")
    end = find_body_end(text)
    assert text[:end].endswith("Russia to escalate further.")
    assert "1 Comment" not in text[:end]
    assert "Pingback" not in text[:end]


def test_text_without_furniture_is_untouched():
    assert find_body_end(PROSE) == len(PROSE)
    assert find_body_end("") == 0


def test_share_subscribe_and_copyright_block():
    text = PROSE + "\nShare this:\nFacebook Twitter WhatsApp\nSubscribe to our newsletter\n© 2024 Example News. All rights reserved.\n"
    assert text[: find_body_end(text)] == PROSE.rstrip()


def test_related_headlines_under_a_header_are_cut():
    text = PROSE + "Related articles\nKyiv hit by drones overnight\nZelensky visits front line\n"
    assert text[: find_body_end(text)] == PROSE.rstrip()


def test_furniture_words_inside_prose_are_not_cut():
    text = PROSE + "He urged readers to share this information and subscribe to official channels for updates.\n"
    assert find_body_end(text) == len(text)
    # A sentence about comments is prose, not a comment counter.
    text2 = PROSE + "The ministry declined to comment on the 12 responses it received.\n"
    assert find_body_end(text2) == len(text2)


def test_furniture_in_the_middle_is_not_cut():
    text = "Read more\n" + PROSE
    assert find_body_end(text) == len(text)


def test_short_last_line_above_furniture_stays_in_body():
    text = PROSE + "Reporting by Jane Doe in Kyiv\n3 Comments\n"
    assert text[: find_body_end(text)] == PROSE + "Reporting by Jane Doe in Kyiv"


def test_all_furniture_text_is_kept():
    text = "1 Comment\nShare\n"
    assert find_body_end(text) == len(text)


def test_line_patterns():
    for line in ("1 Comment", "12 Responses", "No comments", "Pingback: Some headline - Site",
                 "Share on Facebook", "Tags: Ukraine, Russia", "We use cookies to improve your experience.",
                 "Copyright 2024 Example Media", "Leave a Reply",
                 "Share this article on Facebook, X or Telegram", "Advertisement",
                 "Join our Telegram channel"):
        assert is_furniture(line), line
    for line in ("Copyright law was not discussed.", "Join the fight now.", "Hundreds of soldiers crossed the border.",
                 "Officials said 120 drones were shot down."):
        assert not is_furniture(line), line
