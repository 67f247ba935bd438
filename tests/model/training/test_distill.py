"""Sequence-level distillation: the teacher's beam translations of the training English, learned instead."""
import gzip
import json

from model.inference.loading import load_model
from model.training.data import read_pairs, split_pairs
from model.training.distill import distill, distilled_pairs, main, with_teacher_translations
from model.training.prepare import learned_pairs, prepare

from ..conftest import tiny_config


def test_each_english_sentence_is_learned_once_with_the_teacher_translation():
    train = [("Hi.", "Salut."), ("Hi.", "Bonjour."), ("Run!", "Cours !"), ("Go.", "Va.")]
    teacher = {"Hi.": "Salut !", "Run!": "Courez !"}
    assert with_teacher_translations(train, teacher) == [("Hi.", "Salut !"), ("Run!", "Courez !"), ("Go.", "Va.")]


def test_a_teacher_translation_far_from_the_corpus_is_not_taught():
    train = [("Jump!", "¡Salta!"), ("Jump!", "¡Salte!"), ("I like tea.", "Me gusta el té.")]
    teacher = {"Jump!": "¡Qumposa!", "I like tea.": "Me gusta el té."}
    assert with_teacher_translations(train, teacher, min_chrf=50) == [
        ("Jump!", "¡Salta!"), ("Jump!", "¡Salte!"), ("I like tea.", "Me gusta el té.")]
    assert ("Jump!", "¡Qumposa!") in with_teacher_translations(train, teacher)


def test_the_teacher_translates_the_training_english_and_never_a_held_out_sentence(tiny_model_folder, tiny_corpus,
                                                                                    tmp_path):
    out = tmp_path / "distilled.tsv.gz"
    count = distill(tiny_model_folder, out, beam=2)
    train, validation = split_pairs(read_pairs(tiny_corpus), 10.0)
    teacher = distilled_pairs(out)
    assert count == len(teacher) == len({english for english, _ in train})
    assert set(teacher) == {english for english, _ in train}
    assert not set(teacher) & {english for english, _ in validation}
    model = load_model(tiny_model_folder)
    sample = sorted(teacher)[:5]
    assert [teacher[english] for english in sample] == model.translate(sample, beam=2)


def test_an_interrupted_run_resumes_after_what_it_wrote(tiny_model_folder, tmp_path, capsys):
    out = tmp_path / "distilled.tsv.gz"
    with gzip.open(out, "wt", encoding="utf-8") as file:
        file.write("The big cat sleeps.\tLe grand chat dort.\n")
    main(["--model", str(tiny_model_folder), "--out", str(out), "--beam", "2"])
    lines = gzip.open(out, "rt", encoding="utf-8").read().splitlines()
    assert lines[0] == "The big cat sleeps.\tLe grand chat dort."
    assert sum(line.startswith("The big cat sleeps.\t") for line in lines) == 1
    assert f"{len(lines)} English sentences" in capsys.readouterr().out


def test_training_with_a_distilled_file_learns_the_teacher_translations(tiny_corpus, tmp_path):
    out = tmp_path / "distilled.tsv.gz"
    with gzip.open(out, "wt", encoding="utf-8") as file:
        file.write("The big cat sleeps.\tLe gros chat dort.\n")
    config = tiny_config(tiny_corpus, distilled=str(out))
    data = prepare(config)
    train, _ = split_pairs(read_pairs(tiny_corpus), 10.0)
    assert ("The big cat sleeps.", "Le gros chat dort.") in learned_pairs(config, train)
    assert ("The big cat sleeps.", "Le grand chat dort.") not in learned_pairs(config, train)
    assert data.train_pairs == train  # the evidence stays the corpus pairs
    assert "gros" in data.target_vocab.stoi


def test_the_card_says_a_model_learned_from_a_teacher(tiny_corpus):
    from model.training.card import _recipe

    plain = tiny_config(tiny_corpus)
    distilled = tiny_config(tiny_corpus, distilled="~/.cache/distilled.tsv.gz", distilled_min_chrf=50.0)
    assert not any("distillation" in line for line in _recipe(plain.model, plain))
    line = next(line for line in _recipe(distilled.model, distilled) if "distillation" in line)
    assert "chrF against the corpus's translations reaches 50" in line


def test_forward_translation_takes_only_english_the_corpus_lacks_and_never_a_held_out_one(tiny_corpus, tmp_path):
    from model.training.data import is_validation
    from model.training.distill import forward_sources

    other = tmp_path / "other.tsv.gz"
    new = [f"The cat number {n} sleeps." for n in range(40)]
    held_out = [e for e in new if is_validation(e, 10.0)]
    assert held_out  # the hash holds some out, as it would in any corpus
    with gzip.open(other, "wt", encoding="utf-8") as file:
        for english in ["The big cat sleeps.", "Don't eat the delicious looking and smelling pizza.", *new, new[0],
                        "the big cat sleeps!", "THE BIG CAT SLEEPS", "The big cat  sleeps ...",  # the corpus's, written
                        "The cat is sleeping on the sofa.", "don't eat the delicious looking and smelling pizza!"]:
            file.write(f"{english}\tanother language\n")
    sources = forward_sources(str(other), str(tiny_corpus), 10.0, "fr")
    assert sources == [e for e in new if e not in held_out]


def test_training_with_synthetic_pairs_adds_them_to_the_corpus_pairs(tiny_corpus, tmp_path):
    synthetic = tmp_path / "synthetic.tsv.gz"
    with gzip.open(synthetic, "wt", encoding="utf-8") as file:
        file.write("The cat sees a tree.\tLe chat voit un arbre.\n")
        file.write("The big cat sleeps.\tLe gros chat dort.\n")  # already in the corpus: not added
    config = tiny_config(tiny_corpus, synthetic=str(synthetic))
    train, _ = split_pairs(read_pairs(tiny_corpus), 10.0)
    learned = learned_pairs(config, train, read_pairs(tiny_corpus))
    assert learned[: len(train)] == train
    assert learned[len(train):] == [("The cat sees a tree.", "Le chat voit un arbre.")]
    assert "arbre" in prepare(config).target_vocab.stoi


def test_the_teacher_command_travels_to_the_model_card(tiny_model_folder, tmp_path):
    from model.training.card import _teachers
    from model.training.distill import command_file, teacher_commands

    out = tmp_path / "teacher.tsv.gz"
    main(["--model", str(tiny_model_folder), "--out", str(out), "--beam", "2"])
    written = json.loads(command_file(out).read_text(encoding="utf-8"))
    assert written["command"].startswith("python -m model.distill --model ") and written["sentences"] > 0
    assert teacher_commands(str(out), "") == [written["command"]]
    assert written["command"] in _teachers({"teacher_commands": [written["command"]]})
    assert _teachers({}) == []


def test_other_writings_of_a_known_sentence_are_one_sentence():
    from model.training.distill import sentence_key

    assert sentence_key("That's right!") == sentence_key("that’s  right.") == "that's right"
    assert sentence_key("Is it right?") != sentence_key("It is right.")


def test_a_file_cut_short_by_a_killed_run_resumes_from_its_whole_lines(tiny_model_folder, tmp_path):
    out = tmp_path / "distilled.tsv.gz"
    whole = "".join(f"The cat number {n} sleeps.\tLe chat numéro {n} dort.\n" for n in range(200))
    data = gzip.compress((whole + "The dog sle").encode("utf-8"))
    out.write_bytes(data[: len(data) - 12])  # the stream's end never written
    main(["--model", str(tiny_model_folder), "--out", str(out), "--beam", "2"])
    lines = gzip.open(out, "rt", encoding="utf-8").read().splitlines()  # a whole gzip stream again
    assert lines[0] == "The cat number 0 sleeps.\tLe chat numéro 0 dort."
    assert not any(line.startswith("The dog sle") for line in lines)
    assert len(lines) == len(set(lines))


def test_a_file_another_teacher_wrote_is_started_over(tiny_model_folder, tmp_path):
    from model.training.distill import command_file

    out = tmp_path / "distilled.tsv.gz"
    with gzip.open(out, "wt", encoding="utf-8") as file:
        file.write("The big cat sleeps.\tLe grand chat dort.\n")
    command_file(out).write_text(json.dumps({"command": "an older one", "teacher_sha256": "0" * 64}), encoding="utf-8")
    main(["--model", str(tiny_model_folder), "--out", str(out), "--beam", "2"])
    model = load_model(tiny_model_folder)
    assert distilled_pairs(out)["The big cat sleeps."] == model.translate(["The big cat sleeps."], beam=2)[0]
    assert json.loads(command_file(out).read_text(encoding="utf-8"))["teacher_sha256"] != "0" * 64
