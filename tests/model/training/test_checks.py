"""The teacher's checks: joined groups, joined references, names and numbers counted exactly."""
from model.training.checks import NAMES_AND_NUMBERS, join_references, joined_groups, names_and_numbers
from model.training.evaluate import score


class Echo:
    """Translates a sentence to itself: every name and number is copied."""
    def translate(self, sentences, beam=1):
        return list(sentences)


class Lower:
    def translate(self, sentences, beam=1):
        return [s.lower() for s in sentences]


def test_joined_groups_use_each_sentence_at_most_once():
    groups = joined_groups([f"s{i}" for i in range(10)])
    flat = [i for group in groups for i in group]
    assert len(groups) == 3 and all(len(g) == 3 for g in groups)
    assert len(set(flat)) == 9


def test_joined_references_take_each_parts_kth_reference():
    references = [["a1", "a2"], ["b1"], ["c1", "c2", "c3"]]
    assert join_references(references, [0, 1, 2]) == ["a1 b1 c1", "a2 b1 c2", "a2 b1 c3"]


def test_copying_everything_scores_all_and_lowercasing_only_numbers():
    total = sum(len(items) for _, items in NAMES_AND_NUMBERS)
    assert names_and_numbers(Echo())["copied"] == total
    numbers = sum(1 for _, items in NAMES_AND_NUMBERS for item in items if item.isdigit())
    assert names_and_numbers(Lower())["copied"] == numbers


def test_a_number_inside_another_is_not_counted():
    class Wrong:
        def translate(self, sentences, beam=1):
            return [s.replace("3 brothers", "13 brothers") for s in sentences]
    row = next(r for r in names_and_numbers(Wrong())["sentences"] if r["source"].startswith("Kwame"))
    assert row["copied"] == ["Kwame"]


def test_joined_sentences_of_a_perfect_translator_lose_nothing():
    from model.training.checks import joined_sentences
    sources = [f"sentence number {i} is here ." for i in range(9)]
    result = joined_sentences(Echo(), sources, [[s] for s in sources], score)
    assert result["joined"]["bleu"] == result["one_by_one"]["bleu"] == 100.0
