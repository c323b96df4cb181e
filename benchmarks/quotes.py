"""Quote extraction time as a share of the parse time, on our sample articles.

Prints figures; asserts nothing. The target is ≤ 15 %: quotes must not cost
more than a small fraction of the one parse every extractor shares.

    .venv/bin/python benchmarks/quotes.py [--repeat 20]
"""

from __future__ import annotations

import argparse
import time

from newsgraph.extract.annotate import load_nlp
from newsgraph.extract.quotes import extract_quotes
from newsgraph.model import ArticleEntity

# Written for this benchmark: a mix of direct, partial and reported speech.
ARTICLE = (
    'Harbour workers in Valdora walked out on Monday. "We have waited two years for a '
    'contract," said union leader Petra Novak. "Nobody listens to us."\n\n'
    "The port authority's director, Jonas Eklund, rejected the claim. \"The offer on the "
    'table is generous," he said. "We will not raise it." He added that the port had '
    "lost money for three years, according to its annual report.\n\n"
    "A senior official in the transport ministry, cited by the Valdora Courier, said the "
    'government would not step in. The minister praised the "patience" of shippers and '
    "suggested that talks could resume if both sides dropped their demands.\n\n"
    'Novak told the Morning Post that the strike would go on. "Then the ships will wait," '
    "she said.\n\n"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    nlp = load_nlp()
    text = ARTICLE * 3  # about 600 words, a long news article
    nlp(text)  # warm up
    t0 = time.perf_counter()
    docs = [nlp(text) for _ in range(args.repeat)]
    parse_s = time.perf_counter() - t0
    entities: list[ArticleEntity] = [
        ArticleEntity(f"e{i}", e.text, e.label_, ((e.start_char, e.end_char),))
        for i, e in enumerate(docs[0].ents)
    ]
    t0 = time.perf_counter()
    found = 0
    for doc in docs:
        found += len(extract_quotes(doc, "bench", entities))
    quotes_s = time.perf_counter() - t0
    words = len(text.split())
    print(f"articles: {args.repeat} x {words} words; quotes per article: {found // args.repeat}")
    print(f"parse:  {1000 * parse_s / args.repeat:7.1f} ms/article")
    print(f"quotes: {1000 * quotes_s / args.repeat:7.1f} ms/article")
    print(f"quotes / parse: {100 * quotes_s / parse_s:.1f} % (target <= 15 %)")


if __name__ == "__main__":
    main()
