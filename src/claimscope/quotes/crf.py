"""Linear-chain CRF inference over CRFsuite model files, in NumPy.

CRFsuite's own tagger copies every feature string of every token into C++ and looks each
up in its attribute dictionary, once per pass: with the stacked second pass that was most of
the quote component's time. Here the passes share one attribute index (each string looked
up once, in a Python dict, column by column as the tagger's features are held), the state
scores of every pass come from one gathered sum of weight rows, and Viterbi and the
forward-backward marginals run in hmmlearn's compiled routines. The labels are CRFsuite's
(``tests/quotes/test_crf.py`` checks them against its tagger).

A CRFsuite model (``crf1d``) scores a label sequence ``y`` of a token sequence as the sum of
the weights of (attribute, label) pairs of every token plus the weights of the (label,
label) transitions; there are no start or end weights.
"""

from __future__ import annotations

import struct
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain, repeat
from pathlib import Path

import numpy as np
from hmmlearn import _hmmc  # compiled Viterbi and forward-backward (hmmlearn 0.3)

from claimscope.errors import ModelLoadError

_HEADER = struct.Struct("<4sI4sIIIIIIIII")
_CQDB = struct.Struct("<4sIIIII")
_CHUNK = struct.Struct("<4sII")
_FEATURE = np.dtype([("type", "<u4"), ("src", "<u4"), ("dst", "<u4"), ("weight", "<f8")])
_STATE, _TRANSITION = 0, 1
# Vocabularies whose rows ``Passes.coded_rows`` keeps: the fixed ones (the second pass's,
# the clusters', the flags') number about forty and an article's own about ten.
_KEPT_VOCABULARIES = 64


@dataclass(frozen=True)
class CrfModel:
    """The weights of one CRFsuite model."""

    labels: tuple[str, ...]
    attributes: tuple[str, ...]
    state: np.ndarray  # (attributes, labels)
    transitions: np.ndarray  # (labels, labels): from the row's label to the column's


def _strings(buf: bytes, offset: int) -> list[str]:
    """The strings of a CQDB (CRFsuite's string database) in id order."""
    magic, _size, _flag, _order, count, backward = _CQDB.unpack_from(buf, offset)
    if magic != b"CQDB":
        raise ValueError(f"no string table at {offset:#x}")
    out: list[str] = []
    for i in range(count):
        (record,) = struct.unpack_from("<I", buf, offset + backward + 4 * i)
        number, size = struct.unpack_from("<iI", buf, offset + record)
        if number != i:
            raise ValueError(f"string {i} is numbered {number}")
        start = offset + record + 8
        out.append(buf[start : start + size - 1].decode("utf-8"))
    return out


def read_model(path: Path) -> CrfModel:
    """The labels, attributes and weights of the CRFsuite model file at ``path``."""
    try:
        buf = path.read_bytes()
        magic, _size, kind, _version, _n, _labels, _attrs, features, labels, attrs, *_ = (
            _HEADER.unpack_from(buf, 0)
        )
        if magic != b"lCRF" or kind != b"FOMC":
            raise ValueError("not a CRFsuite crf1d model")
        label_names = _strings(buf, labels)
        attr_names = _strings(buf, attrs)
        chunk, _chunk_size, count = _CHUNK.unpack_from(buf, features)
        if chunk != b"FEAT":
            raise ValueError("no feature table")
        table = np.frombuffer(buf, dtype=_FEATURE, count=count, offset=features + _CHUNK.size)
    except (OSError, ValueError, struct.error, UnicodeDecodeError) as exc:
        raise ModelLoadError(f"cannot read quote model {path}: {exc}") from exc
    state = np.zeros((len(attr_names), len(label_names)))
    transitions = np.zeros((len(label_names), len(label_names)))
    rows = table[table["type"] == _STATE]
    state[rows["src"], rows["dst"]] = rows["weight"]
    rows = table[table["type"] == _TRANSITION]
    transitions[rows["src"], rows["dst"]] = rows["weight"]
    return CrfModel(tuple(label_names), tuple(attr_names), state, transitions)


class _Index(dict[str | None, int]):
    """Attribute rows; an attribute no model knows, and None (a token without the feature
    of a column), get the last row, which is all zeros."""

    def __init__(self, names: Sequence[str]) -> None:
        super().__init__((name, row) for row, name in enumerate(names))
        self.unknown = len(names)

    def __missing__(self, key: str) -> int:
        return self.unknown


class Passes:
    """Several models over the same labels tagged through one attribute index.

    Attributes may carry a prefix (``prefixes``, e.g. "-1:" for a neighbour's feature):
    the index holds the attribute without it and one weight table per prefix, so that a
    neighbour's features are looked up once, as that neighbour's own."""

    def __init__(self, models: Sequence[CrfModel], prefixes: Sequence[str] = ()) -> None:
        if not models or any(m.labels != models[0].labels for m in models):
            raise ModelLoadError("the quote model's passes do not share their labels")
        self.labels = models[0].labels
        self._label_ids = {lab: i for i, lab in enumerate(self.labels)}
        self._prefixes = {"": 0, **{p: k + 1 for k, p in enumerate(prefixes)}}
        split = [[self._split(a, prefixes) for a in m.attributes] for m in models]
        bases: dict[str, None] = {}
        for attrs in split:
            bases.update(dict.fromkeys(base for _, base in attrs))
        self._index = _Index(list(bases))
        width = len(self.labels)
        self._tables = np.zeros(
            (len(self._prefixes), self._index.unknown + 1, width * len(models))
        )
        for k, (m, attrs) in enumerate(zip(models, split, strict=True)):
            tables = np.array([self._prefixes[p] for p, _ in attrs], dtype=np.int64)
            rows = np.array([self._index[base] for _, base in attrs], dtype=np.int64)
            self._tables[tables, rows, k * width : (k + 1) * width] = m.state
        # hmmlearn's routines take probabilities and work with their logarithms: the
        # exponentials of the transition weights give back the weights themselves.
        self._transitions = [np.exp(m.transitions) for m in models]
        self._start = np.ones(width)
        self._vocab_rows: dict[tuple[str, ...], np.ndarray] = {}
        self._vocab_lock = threading.Lock()  # components may share the model across threads

    @staticmethod
    def _split(attribute: str, prefixes: Sequence[str]) -> tuple[str, str]:
        for p in prefixes:
            if attribute.startswith(p):
                return p, attribute[len(p) :]
        return "", attribute

    def rows(self, columns: Sequence[Sequence[str | None]]) -> np.ndarray:
        """The attribute rows of features given by column (tokens x columns; a None, or an
        attribute no model knows, the all-zero row)."""
        n = len(columns[0]) if columns else 0
        # dict.get with a default: no Python-level __missing__ call per absent feature.
        found = np.fromiter(map(self._index.get, chain.from_iterable(columns),
                                repeat(self._index.unknown)),
                            dtype=np.int64, count=n * len(columns))
        return found.reshape(len(columns), n).T

    def coded_rows(
        self, vocabs: Sequence[tuple[str, ...]], codes: Sequence[np.ndarray]
    ) -> np.ndarray:
        """``rows()`` of columns given as codes, each token's index into its column's
        strings in ``vocabs`` (-1: no feature). Each vocabulary's rows are looked up once
        and kept while it is in use: the fixed ones for good, an article's own for the
        blocks of the article (the least recently used of ``_KEPT_VOCABULARIES`` goes)."""
        n = len(codes[0]) if len(codes) else 0
        found = np.empty((len(codes), n), dtype=np.int64)
        for j, (vocab, column) in enumerate(zip(vocabs, codes, strict=True)):
            found[j] = self._vocab_table(vocab)[column]  # -1: the last entry, the zero row
        return found.T

    def _vocab_table(self, vocab: tuple[str, ...]) -> np.ndarray:
        with self._vocab_lock:
            table = self._vocab_rows.pop(vocab, None)
            if table is None:
                table = np.fromiter(chain(map(self._index.get, vocab,
                                              repeat(self._index.unknown)),
                                          (self._index.unknown,)),
                                    dtype=np.int64, count=len(vocab) + 1)
                if len(self._vocab_rows) >= _KEPT_VOCABULARIES:
                    del self._vocab_rows[next(iter(self._vocab_rows))]
            self._vocab_rows[vocab] = table  # the most recently used last
            return table

    def sums(self, rows: np.ndarray, prefix: str = "") -> np.ndarray:
        """Each token's summed state weights (tokens x labels, one block of columns per
        model) for the attribute ``rows`` of ``rows()`` under ``prefix``."""
        summed = np.zeros((rows.shape[0], self._tables.shape[2]))
        self.add_sums(summed, rows, prefix)
        return summed

    def add_sums(self, total: np.ndarray, rows: np.ndarray, prefix: str = "") -> None:
        """Adds ``sums(rows, prefix)`` to ``total`` (as many tokens), in place. Column by
        column: each gather is one (tokens x labels) block, where gathering every column
        at once made a (tokens x columns x labels) array to sum (about 30% slower, and
        tens of megabytes on a long article)."""
        table = self._tables[self._prefixes[prefix]]
        for j in range(rows.shape[1]):
            total += table.take(rows[:, j], axis=0)

    def weight(self, attribute: str, prefix: str = "") -> np.ndarray:
        """One attribute's state weights (labels, one block of columns per model)."""
        return np.asarray(self._tables[self._prefixes[prefix], self._index[attribute]])

    def model_scores(self, totals: np.ndarray, model: int) -> np.ndarray:
        """``model``'s columns of ``totals`` (tokens x labels)."""
        width = len(self.labels)
        return np.ascontiguousarray(totals[:, model * width : (model + 1) * width])

    def decode(self, scores: np.ndarray, model: int) -> list[str]:
        """The best label sequence (Viterbi) under ``model`` for these state scores."""
        _, path = _hmmc.viterbi(self._start, self._transitions[model], scores)
        return [self.labels[i] for i in path]

    def marginals(
        self, scores: np.ndarray, model: int, positions: Sequence[int], labels: Sequence[str]
    ) -> list[float]:
        """The probability under ``model`` that the token at each of ``positions`` has the
        label given for it in ``labels`` (forward-backward over the whole sequence)."""
        total, forward = _hmmc.forward_log(self._start, self._transitions[model], scores)
        backward = _hmmc.backward_log(self._start, self._transitions[model], scores)
        probs = np.exp(forward + backward - total)
        ids = [self._label_ids[labels[k]] for k in positions]
        return [float(p) for p in probs[list(positions), ids]]
