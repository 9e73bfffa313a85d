"""Near parts' candidates: setting aside terms whose partner never matches loses no pair."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from msa_check.rules.near import KeyedMatch, Match, NearTerms, Target
from msa_check.rules.schema import Near

# Two near parts of one target and one of another: keys 1-6, a side then b side each.
PARTS = [(("c1", "match"), 0), (("c1", "match"), 1), (("c2", "also"), 0)]


def _terms() -> NearTerms:
    terms = NearTerms()
    for number, (target, index) in enumerate(PARTS):
        terms.add(
            target, index, Near((f"a{number}",), (f"b{number}",)), 2 * number + 1, 2 * number + 2
        )
    return terms


def _every_pair_in_sentences(
    terms: NearTerms, found: list[KeyedMatch], sentence_of: list[int]
) -> list[tuple[Target, int, list[Match], list[Match]]]:
    """The pairing with no shortcut: every match placed in its sentence."""
    grouped: dict[tuple[Target, int, int], tuple[list[Match], list[Match]]] = {}
    for key, start, end in found:
        sentence = sentence_of[start]
        if sentence < 0 or sentence != sentence_of[end - 1]:
            continue
        target, index, side = terms.sides[key]
        sides = grouped.setdefault((target, index, sentence), ([], []))
        sides[side == "b"].append((start, end))
    return [(t, s, a, b) for (t, _, s), (a, b) in grouped.items() if a and b]


@st.composite
def _block(draw: st.DrawFn) -> tuple[list[KeyedMatch], list[int]]:
    """A block's sentence per token (-1 for a dropped fragment) and near term matches."""
    lengths = draw(st.lists(st.integers(1, 6), min_size=1, max_size=5))
    dropped = draw(st.sets(st.integers(0, len(lengths) - 1)))
    sentence_of = [
        -1 if s in dropped else 10 + s for s, length in enumerate(lengths) for _ in range(length)
    ]
    size = len(sentence_of)
    spans = st.tuples(st.integers(1, 6), st.integers(0, size - 1), st.integers(1, 3))
    found = [(key, start, min(size, start + width)) for key, start, width in draw(st.lists(spans))]
    return found, sentence_of


@given(_block())
def test_candidates_are_every_pair_placed_in_sentences(
    block: tuple[list[KeyedMatch], list[int]],
) -> None:
    found, sentence_of = block
    terms = _terms()
    got = [(c.target, c.sentence, c.a, c.b) for c in terms.candidates(found, sentence_of)]
    assert got == _every_pair_in_sentences(terms, found, sentence_of)


def test_a_side_whose_partner_matches_only_in_another_sentence_pairs_with_nothing() -> None:
    terms = _terms()
    # a0 and b0 in sentences 0 and 1; a1 and b1 both in sentence 1, b1 first.
    found = [(1, 0, 1), (4, 3, 4), (2, 4, 5), (3, 5, 6)]
    sentence_of = [0, 0, 0, 1, 1, 1]
    [candidate] = terms.candidates(found, sentence_of)
    assert (candidate.target, candidate.sentence) == (("c1", "match"), 1)
    assert (candidate.a, candidate.b) == ([(5, 6)], [(3, 4)])
    assert candidate.near.a == ("a1",)
