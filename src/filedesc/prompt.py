"""The one place that says what the model sees: name normalisation and the prompt format.

Training imports this module to build its inputs and the runtime imports it to build its queries, so the two can
never disagree (``tests/test_prompt.py`` checks that the training package really uses it).
"""

from __future__ import annotations

import re
import unicodedata

LANGUAGES: tuple[str, ...] = ("en", "fr")
"""Description languages the project supports."""

MAX_NAME_CHARS = 128
"""Longest name the model sees, in characters, after normalisation: longer names are cut (keeping the extension)."""

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]")
"""Control, zero-width and bidirectional-override characters, and lone surrogates (undecodable bytes that Python
smuggles in from argv or JSON ``\\udcff`` escapes: no codec can write them, so sqlite and stdout would fail)."""
_SPACES = re.compile(r"\s+")

PROMPT_FORMATS: tuple[str, ...] = ("name", "words", "draft", "near")
"""How the name is written in the prompt: ``name`` as is (``getUserInfo.ts``), ``words`` as its words and
separators apart (``get User Info . ts``), ``draft``: the words, then :data:`DRAFT_SEPARATOR` and a draft
sentence for the model to post-edit (the ``rules`` backend's description, or a header written in the other
language), or ``near``: the ``draft`` prompt, then :data:`NEAR_SEPARATOR` and the nearest real file of the written
corpus (its name's words, `` : ``, its description; see :func:`neighbour_hint`). A model folder's tokenizer says
which one it was trained with."""

DRAFT_FORMATS: tuple[str, ...] = ("draft", "near")
"""The formats whose prompt carries a draft after the name (and whose backends take given drafts)."""

DRAFT_SEPARATOR = "<draft>"
"""Between the name and the draft in a ``draft`` prompt. A draft-format tokenizer has it as a special token, so it
is one id that no name or sentence can spell, and its presence in the vocabulary marks the format."""

NEAR_SEPARATOR = "<near>"
"""Between the draft and the nearest written-corpus example in a ``near`` prompt (a special token, like the draft's)."""

_WORD_PIECES = re.compile(
    r"[A-ZÀ-ÖØ-Þ]+(?=[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ])|[A-ZÀ-ÖØ-Þ]?[a-zß-öø-ÿ]+|[A-ZÀ-ÖØ-Þ]+|\d+|[^\W\d_]+|\S"
)
"""Words of an identifier in every naming style: ``HTTPResponse`` -> HTTP Response, ``getUser2`` -> get User 2."""


def base_name(path: str) -> str:
    """Return the last component of a POSIX or Windows path, or of a URL, ignoring trailing separators."""
    cleaned = path.split("?", 1)[0].split("#", 1)[0] if "://" in path else path
    cleaned = cleaned.rstrip("/\\")
    for sep in ("/", "\\"):
        if sep in cleaned:
            cleaned = cleaned.rsplit(sep, 1)[1]
    return cleaned


def normalize_name(name: str, max_chars: int = MAX_NAME_CHARS) -> str:
    """Turn a path or a raw name into the name the model sees.

    Steps: keep the base name; NFC (so ``é`` typed decomposed and composed are one name); drop control,
    zero-width and bidirectional-override characters; fold runs of white space to one space and strip; cut to
    ``max_chars`` characters, keeping the extension when there is a short one, and strip again so that the
    result is a fixed point (normalising it again changes nothing). ``.`` and ``..`` become empty.

    Returns:
        The normalised name, possibly empty (callers treat an empty result as invalid input).
    """
    name = unicodedata.normalize("NFC", base_name(name))
    name = _CONTROL.sub("", name)
    name = _SPACES.sub(" ", name).strip()
    if name in (".", ".."):
        return ""
    if len(name) > max_chars:
        stem, dot, ext = name.rpartition(".")
        if dot and stem and 0 < len(ext) <= 12:
            name = stem[: max_chars - len(ext) - 1].rstrip() + "." + ext
        else:
            name = name[:max_chars].rstrip()
    return name


def words_view(name: str) -> str:
    """The name as space-separated words and separators: ``send_welcome_email.py`` -> ``send _ welcome _ email . py``.

    Why: a byte-level BPE gives a word inside an identifier other tokens than the same word after a space in a
    sentence (``welcome`` in ``send_welcome`` is ``w el come``, in "the welcome email" ``Ġw el come``), so the
    model has to learn each word twice. Apart, the word is the same tokens in the name and in the description.
    """
    return " ".join(_WORD_PIECES.findall(name))


def build_prompt(
    name: str, lang: str, prompt_format: str = "name", draft: str | None = None, hint: str | None = None
) -> str:
    """Return the model input for an already normalised ``name`` described in ``lang``.

    The language tag comes first so that the encoder knows the target language from the first token.
    ``prompt_format`` is one of :data:`PROMPT_FORMATS`. For ``draft`` and ``near``, ``draft`` is the sentence to
    post-edit; ``None`` means the rules' sentence (:func:`rules_draft`), so training and serving get the same one.
    For ``near``, ``hint`` is the nearest example (:func:`neighbour_hint`); ``None`` leaves its slot empty (no
    known name shares anything with this one).
    """
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}")
    if prompt_format not in PROMPT_FORMATS:
        raise ValueError(f"unknown prompt format {prompt_format!r}")
    if prompt_format == "name":
        return f"<{lang}> {name}"
    if prompt_format == "words":
        return f"<{lang}> {words_view(name)}"
    sentence = rules_draft(name, lang) if draft is None else _SPACES.sub(" ", draft).strip()
    prompt = f"<{lang}> {words_view(name)} {DRAFT_SEPARATOR} {sentence}"
    if prompt_format == "near":
        prompt = f"{prompt} {NEAR_SEPARATOR} {hint}" if hint else f"{prompt} {NEAR_SEPARATOR}"
    return prompt


def neighbour_hint(name: str, description: str) -> str:
    """The ``near`` prompt's example: a known file's name as words, then its description.

    The name comes as words (as the prompt's own name does) so that the model can see which words the two names
    share, and so which parts of the example's description may carry over.
    """
    return f"{words_view(name)} : {_SPACES.sub(' ', description).strip()}"


def draft_source() -> str:
    """What a ``draft`` model's answers depend on besides its weights: the rules' version (for cache keys)."""
    from filedesc.grammar.version import rules_version

    return rules_version()


def rules_draft(name: str, lang: str) -> str:
    """The ``rules`` backend's sentence for an already normalised ``name``: the draft a ``draft`` model post-edits.

    Always the live rules code (``filedesc.grammar.rules`` with the packaged lexicon, loaded once per process and
    without torch), so a model trained today and served after the rules improved sees the rules of the day in both
    places, never a frozen copy.
    """
    from filedesc.grammar.rules import describe_by_rules
    from filedesc.lexicon import load_lexicon  # cached: the same Lexicon the rules backend uses

    return describe_by_rules(name, lang, load_lexicon())
