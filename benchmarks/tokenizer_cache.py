"""What the tokenizer's cache bound buys: spaCy's default (10,000 chunks) beside msa-check's.

    python benchmarks/tokenizer_cache.py [--texts FILE.jsonl] [--limit N] [--rounds N]

spaCy's tokenizer remembers how it split a space-separated chunk, but only for the first
`max_cache_size` distinct chunks, and in a text only up to its first special case
("e.g.", "don't": tokenizer.pyx `_save_cached`). Printed, each the fastest of `--rounds`
interleaved rounds in CPU time of this process, with the ratio of the two bounds:
- the blocks of the texts as msa-check extracts them, tokenised one by one (what a check
  does), and the whole texts (what the bare-spaCy floor of throughput.py does);
- how many distinct chunks the blocks hold;
- the memory a full cache of msa-check's bound holds, measured as the growth of this
  process's peak RSS while random chunks, each already a word of the vocabulary, fill it.
"""

from __future__ import annotations

import argparse
import random
import resource
import string
import time

import spacy
from spacy.language import Language
from throughput import add_text_arguments, as_fetched, texts_named

from msa_check.extract import extract_document
from msa_check.nlp import TOKENIZER_CACHE_CHUNKS

SPACY_DEFAULT = 10_000


def blank_with_cache(chunks: int) -> Language:
    nlp = spacy.blank("en")
    nlp.tokenizer.max_cache_size = chunks
    return nlp


def fastest(rounds: int, work: list[tuple[str, Language, list[str]]]) -> dict[str, float]:
    best = {label: float("inf") for label, _, _ in work}
    for _ in range(rounds):
        for label, nlp, texts in work:
            started = time.process_time()
            for text in texts:
                nlp.make_doc(text)
            best[label] = min(best[label], time.process_time() - started)
    return best


def full_cache_mb(chunks: int) -> float:
    nlp = blank_with_cache(chunks)
    rng = random.Random(1)
    words = [
        "".join(rng.choices(string.ascii_lowercase, k=rng.randint(3, 12)))
        for _ in range(chunks + chunks // 2)
    ]
    for word in words:
        nlp.vocab[word]  # the lexemes first: the growth measured is the cache's alone
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    for start in range(0, len(words), 50):
        nlp.make_doc(" ".join(words[start : start + 50]))
    return (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_text_arguments(parser)
    args = parser.parse_args()
    texts = texts_named(args)
    blocks = [
        block.text
        for index, text in enumerate(texts)
        for block in extract_document(as_fetched(text, index)).blocks
    ]
    chunks = {chunk for block in blocks for chunk in block.split()}
    print(f"{len(texts)} texts, {len(blocks)} blocks, {len(chunks)} distinct chunks")
    for what, items in (("blocks", blocks), ("whole texts", texts)):
        default, ours = blank_with_cache(SPACY_DEFAULT), blank_with_cache(TOKENIZER_CACHE_CHUNKS)
        best = fastest(args.rounds, [("default", default, items), ("ours", ours, items)])
        print(
            f"{what:<12} cache {SPACY_DEFAULT:>7,}: {best['default']:.2f} s   "
            f"cache {TOKENIZER_CACHE_CHUNKS:>7,}: {best['ours']:.2f} s   "
            f"{best['ours'] / best['default']:.2f}x"
        )
    print(
        f"a full cache of {TOKENIZER_CACHE_CHUNKS:,} chunks: "
        f"{full_cache_mb(TOKENIZER_CACHE_CHUNKS):.0f} MB"
    )


if __name__ == "__main__":
    main()
