"""`assistant.text.Sentence`: English as a `str`, said again in another language on demand."""

from __future__ import annotations

import copy
import pickle

from assistant.text import Sentence, joined

CATALOGUE = {
    ("T", "Could not reach {host} ({reason})."): "{host} に接続できません ({reason})。",
    ("T", "connection lost"): "接続が切れました",
    ("Text", "{first} {rest}"): "{first}{rest}",
    ("T", "Broken {x}."): "壊れた {y}。",
}


def lookup(context: str, template: str) -> str:
    return CATALOGUE.get((context, template), template)


def test_a_sentence_is_its_english_text_and_translates_its_arguments_too() -> None:
    reason = Sentence("T", "connection lost")
    sentence = Sentence("T", "Could not reach {host} ({reason}).", host="h.example", reason=reason)
    assert sentence == "Could not reach h.example (connection lost)."
    assert isinstance(sentence, str) and f"{sentence}" == str(sentence)
    assert sentence.translated(lookup) == "h.example に接続できません (接続が切れました)。"


def test_a_translation_with_the_wrong_placeholders_falls_back_to_english() -> None:
    assert Sentence("T", "Broken {x}.", x=1).translated(lookup) == "Broken 1."
    assert Sentence("T", "Not in the catalogue.").translated(lookup) == "Not in the catalogue."


def test_sentences_side_by_side_each_translated() -> None:
    both = joined(Sentence("T", "connection lost"), "", "Server's words.")
    assert both == "connection lost Server's words."
    assert both.translated(lookup) == "接続が切れましたServer's words."  # type: ignore[attr-defined]
    assert joined("", "only") == "only" and joined() == ""


def test_copies_and_pickles_keep_the_sentence() -> None:
    sentence = Sentence("T", "Could not reach {host} ({reason}).", host="h", reason="x")
    for again in (copy.deepcopy(sentence), pickle.loads(pickle.dumps(sentence))):  # noqa: S301
        assert isinstance(again, Sentence) and again == sentence
        assert again.translated(lookup) == "h に接続できません (x)。"
