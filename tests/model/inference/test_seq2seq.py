"""The model's pieces: score kinds, masking, batched = single, no state kept on the module."""
import pytest
import torch

from model.inference.config import ModelConfig
from model.inference.decode import beam_search, beam_search_many, greedy_decode, pad_batch
from model.inference.seq2seq import Seq2Seq, attend, attention_scores, encode, forward


def small(score="dot", attention=True, layers=1):
    torch.manual_seed(0)
    config = ModelConfig(embedding_size=8, hidden_size=6, num_layers=layers, dropout=0.0, attention=attention, score=score)
    return Seq2Seq(config, 20, 15).eval()


@pytest.mark.parametrize("score", ["dot", "cosine", "general", "additive"])
def test_every_score_kind_gives_batch_by_target_by_source(score):
    net = small(score)
    scores = attention_scores(net, torch.randn(2, 3, 6), torch.randn(2, 5, 6))
    assert scores.shape == (2, 3, 5)


def test_dot_score_is_the_dot_product():
    net = small("dot")
    queries, keys = torch.randn(1, 1, 6), torch.randn(1, 4, 6)
    assert torch.allclose(attention_scores(net, queries, keys)[0, 0], keys[0] @ queries[0, 0])


def test_padding_gets_no_attention():
    scores = torch.randn(2, 1, 4)
    mask = torch.tensor([[True, True, True, True], [True, True, False, False]])
    context, weights = attend(scores, torch.randn(2, 4, 6), mask)
    assert torch.all(weights[1, 0, 2:] == 0)
    assert torch.allclose(weights.sum(-1), torch.ones(2, 1))


def test_encoding_does_not_depend_on_padding():
    net = small(layers=2)
    ids, lengths = pad_batch([[3, 4, 5], [6, 7, 8, 9, 10, 11]])
    batched, _ = encode(net, ids, lengths)
    alone, _ = encode(net, *pad_batch([[3, 4, 5]]))
    assert torch.allclose(batched[0, :3], alone[0], atol=1e-6)


def test_teacher_forced_forward_equals_step_by_step_decoding():
    net = small()
    outputs, steps, _ = greedy_decode(net, [[3, 4, 5]], max_len=5, prefix=[3, 4, 5, 6, 7], record=True)
    target_inputs = torch.tensor([[2, 3, 4, 5, 6]])
    logits = forward(net, *pad_batch([[3, 4, 5]]), target_inputs)
    for position, step in enumerate(steps):
        assert torch.allclose(step.logits[0, -1], logits[0, position], atol=1e-5)


def test_without_attention_there_are_no_weights():
    net = small(attention=False)
    _, steps, _ = greedy_decode(net, [[3, 4]], max_len=3, record=True)
    assert all(step.weights is None for step in steps)
    assert net.output_layer.in_features == 6


def test_beam_of_one_is_greedy():
    net = small()
    greedy, _, _ = greedy_decode(net, [[3, 4, 5]], max_len=8)
    assert beam_search(net, [3, 4, 5], beam=1, max_len=8) == greedy[0]


@pytest.mark.parametrize("layers", [1, 2])
def test_beams_of_many_sentences_at_once_are_each_sentence_alone(layers):
    net = small(layers=layers)
    sources = [[3, 4, 5], [6, 7, 8, 9, 10, 11], [12], [3, 3, 3, 3], [13, 14, 15, 16, 17, 18, 19]]
    limits = [8, 12, 3, 1, 20]
    alone = [beam_search(net, source, beam=3, max_len=limit) for source, limit in zip(sources, limits)]
    records = [[] for _ in sources]
    assert beam_search_many(net, sources, 3, limits, records=records) == alone
    for source, limit, record in zip(sources, limits, records):
        single: list = []
        beam_search(net, source, beam=3, max_len=limit, record=single)
        assert [[(c.tokens, c.status) for c in step] for step in record] == \
               [[(c.tokens, c.status) for c in step] for step in single]


def test_decoding_keeps_nothing_on_the_module():
    net = small()
    before = set(vars(net))
    greedy_decode(net, [[3, 4, 5]], max_len=5, record=True)
    beam_search(net, [3, 4, 5], beam=3, max_len=5)
    assert set(vars(net)) == before


def unk_loving():
    """A small net whose most likely word is always <unk>."""
    from model.inference.vocab import UNK_ID

    net = small()
    with torch.no_grad():
        net.output_layer.bias[UNK_ID] = 100.0
    return net, UNK_ID


def test_decoding_never_writes_unk_unless_allowed():
    net, unk = unk_loving()
    greedy, steps, _ = greedy_decode(net, [[3, 4, 5]], max_len=6, record=True)
    assert unk not in greedy[0]
    assert all(step.logits[0, -1].argmax() == unk for step in steps)  # the raw argmax was <unk> each time
    assert unk not in beam_search(net, [3, 4, 5], beam=3, max_len=6)
    allowed, _, _ = greedy_decode(net, [[3, 4, 5]], max_len=6, allow_unk=True)
    assert allowed[0] == [unk] * 6
    assert beam_search(net, [3, 4, 5], beam=3, max_len=6, allow_unk=True)[0] == unk


def test_beam_of_one_is_greedy_without_unk():
    net, _ = unk_loving()
    greedy, _, _ = greedy_decode(net, [[3, 4, 5]], max_len=8)
    assert beam_search(net, [3, 4, 5], beam=1, max_len=8) == greedy[0]


def subword_net(tie=True, bidirectional=True):
    torch.manual_seed(0)
    config = ModelConfig(embedding_size=8, hidden_size=6, num_layers=2, dropout=0.0, tokenizer="sentencepiece",
                         bidirectional=bidirectional, tie_embeddings=tie)
    return Seq2Seq(config, 20, 20).eval()


def test_a_bidirectional_encoding_is_the_forward_plus_the_backward_output():
    net = subword_net()
    ids, lengths = pad_batch([[3, 4, 5, 6]])
    encoder_outputs, (h, c) = encode(net, ids, lengths)
    embedded = net.source_embedding(ids)
    both, (h_n, c_n) = net.encoder(embedded)  # batch x src_len x 2*hidden, unpacked: no padding here
    assert encoder_outputs.shape == (1, 4, 6)
    assert torch.allclose(encoder_outputs, both[..., :6] + both[..., 6:], atol=1e-6)
    assert torch.allclose(h, h_n.view(2, 2, 1, 6).sum(1), atol=1e-6)


def test_a_bidirectional_encoding_does_not_depend_on_padding():
    net = subword_net()
    batched, _ = encode(net, *pad_batch([[3, 4, 5], [6, 7, 8, 9, 10, 11]]))
    alone, _ = encode(net, *pad_batch([[3, 4, 5]]))
    assert torch.allclose(batched[0, :3], alone[0], atol=1e-6)


def test_tied_output_layer_is_one_matrix_over_decoder_output_and_context():
    from model.inference.seq2seq import output_logits, output_weight_and_bias, target_embedding
    net = subword_net()
    assert target_embedding(net) is net.source_embedding
    decoder_outputs, context = torch.randn(1, 2, 6), torch.randn(1, 2, 6)
    weight, bias = output_weight_and_bias(net)
    assert weight.shape == (20, 12)
    expected = torch.cat([decoder_outputs, context], -1) @ weight.T + bias
    assert torch.allclose(output_logits(net, decoder_outputs, context), expected, atol=1e-5)


def test_tied_embeddings_need_the_joint_sentencepiece_vocabulary():
    with pytest.raises(ValueError, match="tie_embeddings"):
        ModelConfig(tie_embeddings=True)
