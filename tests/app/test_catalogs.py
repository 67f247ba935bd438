"""The English and French catalogs say the same things with the same placeholders."""
import string

from app.i18n import CATALOGS, en, fr


def placeholders(message: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(message) if name}


def test_same_keys():
    assert set(en.MESSAGES) == set(fr.MESSAGES)


def test_same_placeholders():
    for key, english in en.MESSAGES.items():
        assert placeholders(english) == placeholders(fr.MESSAGES[key]), key


def test_contract_labels_in_english_and_french_all_through():
    assert en.MESSAGES["input.label"] == "Sentence to translate"  # the contract of ?lang=en
    assert en.MESSAGES["step.label"] == "Decoding step"
    assert fr.MESSAGES["input.label"] == "Phrase à traduire"
    assert fr.MESSAGES["step.label"] == "Étape de décodage"


def test_no_empty_message():
    for lang, messages in CATALOGS.items():
        assert all(value.strip() for value in messages.values()), lang


def test_every_refusal_kind_has_a_message_in_both_languages():
    from model.inference.errors import INPUT_ERROR_KINDS

    for catalog in (en.MESSAGES, fr.MESSAGES):
        missing = [kind for kind in INPUT_ERROR_KINDS if kind != "invalid"
                   and f"input.refused.{kind}" not in catalog and f"train.refused.{kind}" not in catalog]
        assert missing == []
