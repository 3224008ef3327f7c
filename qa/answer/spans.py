"""The exact answer inside a sentence: the name, date, place, number or phrase asked for.

Every short run of the sentence's words is a candidate; a linear model scores each one by what
kind of answer the question asks for (a date for "kapan", a number for "berapa"), the words the
question shares with the sentence around it, its shape (capitalised, a number, in brackets) and
the word before it. The weights are fitted on the dev sets by benchmarks/tune_answers.py (see
qa/answer/weights.py). The span shown is the one with the highest expected overlap with the
answer under the model (minimum Bayes risk), which beats the single top-scored span on F1.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from operator import mul

from qa.answer.kinds import KINDS, AnswerKind
from qa.answer.roles import names
from qa.answer.weights import learned_weights
from qa.languages import LANGUAGES, all_words, joined
from qa.lexicon import Glosses
from qa.question import Question
from qa.text import STOPWORDS, stem, words

_MONTHS = "(?:" + "|".join(joined("months") + joined("month_abbreviations")) + ")"
_DATE = re.compile(
    rf"\b(?:\d{{1,2}}\s+{_MONTHS}(?:\s+\d{{4}})?|{_MONTHS}\s+\d{{1,2}}(?:,\s*\d{{4}})?|"
    # Indonesian shapes of a year and a century: "tahun 1998", "1990-an", "abad ke-19".
    rf"{_MONTHS}\s+\d{{4}}|(?:tahun\s+)?(?:1[5-9]|20)\d{{2}}(?:-an)?|"
    rf"\d{{1,2}}/\d{{1,2}}(?:/\d{{2,4}})?|(?:{'|'.join(joined('weekdays'))})|"
    r"abad\s+(?:ke-?\s*)?\d+)\b")
_UNITS = "(?:" + "|".join(re.escape(u) for u in joined("units")) + ")"
_NUMBER = re.compile(
    rf"(?:Rp\.?\s*|US\$\s*|\$\s*)?\b\d+(?:[.,]\d+)*(?:\s+{_UNITS}\b)*(?:\s+{_UNITS}\b)?|"
    rf"\b(?:{'|'.join(joined('number_words'))})(?:\s+{_UNITS}\b)*",
    re.I)
_TIME_UNITS = all_words("time_units")
_NUMBER_WORDS = all_words("number_words")
_MONTH_WORD = re.compile(rf"^{_MONTHS}$", re.I)
_TOKEN = re.compile(r"\w+(?:[-.,/'’]\w+)*|[^\w\s]")
_STOPS_INSIDE = frozenset('.;:!?"“”')  # a candidate never runs across these
MAX_TOKENS = 10
# Words that often stand right before an answer: copulas ("adalah X"), naming verbs
# ("disebut X"), prepositions of place and time, and quantity words. The model weighs each.
CUE_WORDS = tuple(joined("cue_words"))


@dataclass
class SpanCandidate:
    start: int  # character offsets in the sentence
    end: int
    text: str
    first: int  # token positions, [first, last)
    last: int
    features: dict[str, float]
    score: float = 0.0


@dataclass(frozen=True)
class SpanQuery:
    """What the span features read of the question, with a sentence's translations added."""

    kind: AnswerKind
    prefix: str  # the question's language's feature prefix ("en:"; "" for Indonesian)
    content: frozenset[str]  # content words, lower-cased, and their translations (glosses)
    size: int  # how many content words the question itself has
    stems: frozenset[str]
    after_wh: frozenset[str]  # content words that follow the question word
    heads: frozenset[str]  # the nouns beside the question word: "partai" in "Partai apakah ..."


def span_query(question: Question, glosses: Glosses = ()) -> SpanQuery:
    """`glosses`: the Indonesian words an English question's words stand for, from the
    dictionary and, per sentence, the model's alignment; a sentence word matching one of them
    counts as matching the question word."""
    content = frozenset(question.content)
    wh = question.wh
    if not glosses:
        return SpanQuery(question.kind, question.language.feature_prefix, content, len(content),
                         wh.stems, wh.after, wh.heads)
    translated = dict(glosses)

    def with_translations(group: frozenset[str]) -> frozenset[str]:
        return group | {t for w in group for t in translated.get(w, ())}

    extended = with_translations(content)
    return SpanQuery(question.kind, question.language.feature_prefix, extended, len(content),
                     frozenset(stem(w) for w in extended), with_translations(wh.after),
                     with_translations(wh.heads))


def _matches(token: str, q: SpanQuery) -> bool:
    low = token.lower()
    if low in STOPWORDS or not any(ch.isalnum() for ch in low):
        return False
    if low in q.content or stem(low) in q.stems:
        return True
    if low.isalnum():
        return False  # a plain word has no parts
    # A token joined by punctuation ("9P/Tempel", "Jakarta-Jambi") matches through its parts
    # with letters.
    parts = [p for p in words(low) if p != low and any(ch.isalpha() for ch in p)]
    return any(p in q.content or stem(p) in q.stems for p in parts)


def _bucket(name: str, value: int, edges: tuple[int, ...]) -> str:
    for edge in edges:
        if value <= edge:
            return f"{name}<={edge}"
    return f"{name}>{edges[-1]}"


def _typed_spans(sentence: str) -> tuple[set[tuple[int, int]], set[tuple[int, int]],
                                         set[tuple[int, int]]]:
    return ({m.span() for m in _NUMBER.finditer(sentence)},
            {m.span() for m in _DATE.finditer(sentence)},
            {(pos, pos + len(n)) for pos, n in names(sentence)})


def span_candidates(question: Question, sentence: str,
                    glosses: Glosses = ()) -> list[SpanCandidate]:
    """Every plausible answer span of the sentence, with the features the model scores."""
    return _candidates(span_query(question, glosses), sentence)


@dataclass
class _Sentence:
    """A sentence as the span features read it: its tokens, what each token is, and running
    counts, so that each candidate's features are a handful of lookups: an `ask` scores about
    1,100 candidates per sentence read (docs/speed.md, "`ask`")."""

    q: SpanQuery
    text: str
    tokens: list[tuple[int, int, str]]  # (start, end, token)
    lows: list[str]
    matched: list[bool]  # the token is one of the question's words
    after_wh: list[bool]  # ... one that follows the question word
    match_at: list[int]  # positions of the matched tokens
    typed: dict[str, tuple[set, set, set]]  # number/date/name: (starts, ends, spans)
    # Running counts: counts[name][k] is how many of the tokens before position k are `name`.
    counts: dict[str, list[int]]
    prev_match: list[int | None]  # per position i: the last matched token before i
    next_match: list[int | None]  # per position j: the first matched token at or after j
    prev_word: list[int | None]  # ... the last token before i that is a word
    next_word: list[int | None]  # ... the first token at or after j that is a word
    digit_start: list[bool]  # a digit or a number word ("45", "dua")
    dash: int | None  # the dateline's dash ("JAKARTA - ..."), among the first six tokens


def _running(flags: list[bool]) -> list[int]:
    out = [0]
    for flag in flags:
        out.append(out[-1] + flag)
    return out


def _read_sentence(q: SpanQuery, sentence: str,
                   tokens: list[tuple[int, int, str]]) -> _Sentence:
    n = len(tokens)
    texts = [t for _, _, t in tokens]
    lows = [t.lower() for t in texts]
    matched = [_matches(t, q) for t in texts]
    words_ = [t[0].isalnum() for t in texts]
    digit_start = [t[0].isdigit() or low in _NUMBER_WORDS for t, low in zip(texts, lows)]
    counts = {
        "match": _running(matched),
        "word": _running(words_),
        "caps": _running([w and t[0].isupper() for t, w in zip(texts, words_)]),
        "digit": _running([any(ch.isdigit() for ch in t) for t in texts]),
        "month": _running([bool(_MONTH_WORD.match(t)) for t in texts]),
        "comma": _running([t == "," for t in texts]),
        "bracket": _running([t == "(" for t in texts]),
        "stop": _running([low in STOPWORDS for low in lows]),
        "head": _running([low in q.heads for low in lows]),
        # k counts when tokens k and k+1 are a number and a unit of time ("45 menit").
        "time": _running([digit_start[k] and k + 1 < n and lows[k + 1] in _TIME_UNITS
                          for k in range(n)]),
    }
    prev_match: list[int | None] = [None] * (n + 1)
    prev_word: list[int | None] = [None] * (n + 1)
    for k in range(n):
        prev_match[k + 1] = k if matched[k] else prev_match[k]
        prev_word[k + 1] = k if words_[k] else prev_word[k]
    next_match: list[int | None] = [None] * (n + 1)
    next_word: list[int | None] = [None] * (n + 1)
    for k in range(n - 1, -1, -1):
        next_match[k] = k if matched[k] else next_match[k + 1]
        next_word[k] = k if words_[k] else next_word[k + 1]
    # (starts, ends, spans) of the numbers, dates and name groups, for boundary features.
    typed = {name: ({s for s, _ in found}, {e for _, e in found}, found)
             for name, found in zip(TYPED, _typed_spans(sentence))}
    return _Sentence(q, sentence, tokens, lows, matched, [low in q.after_wh for low in lows],
                     [k for k, m in enumerate(matched) if m], typed, counts, prev_match,
                     next_match, prev_word, next_word, digit_start,
                     next((k for k in range(min(n, 6)) if texts[k] in "-–—"), None))


def _candidates(q: SpanQuery, sentence: str) -> list[SpanCandidate]:
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(sentence)]
    if not tokens:
        return []
    read = _read_sentence(q, sentence, tokens)
    n = len(tokens)
    out: list[SpanCandidate] = []
    for i in range(n):
        first = tokens[i][2]
        if not first[0].isalnum() or first.lower() in STOPWORDS:
            continue
        depth = 0
        for j in range(i, min(n, i + MAX_TOKENS)):
            tok = tokens[j][2]
            if tok in _STOPS_INSIDE:
                break
            depth += tok == "("
            depth -= tok == ")"
            if depth < 0:
                break
            last = tok
            if depth or last.lower() in STOPWORDS or not (last[0].isalnum() or last in ")%"):
                continue
            if last in "," or first == ",":
                continue
            out.append(_features(read, i, j + 1))
    return out


def _features(read: _Sentence, i: int, j: int) -> SpanCandidate:
    """The candidate of tokens [i, j) and its features (named and ordered as in
    BASE_SPAN_FEATURES)."""
    tokens, lows, matched, c = read.tokens, read.lows, read.matched, read.counts
    n = len(tokens)
    start, end = tokens[i][0], tokens[j - 1][1]
    n_words = c["word"][j] - c["word"][i]
    caps = c["caps"][j] - c["caps"][i]
    has_digit = c["digit"][j] > c["digit"][i]
    f: dict[str, float] = {
        _LENGTH_BUCKET[j - i]: 1.0,
        "capitalised_share": caps / n_words if n_words else 0.0,
        "first_capitalised": float(tokens[i][2][0].isupper()),
        "all_capitalised": float(caps == n_words),
        "lower_case": float(caps == 0 and not has_digit),
        "has_digit": float(has_digit),
        "starts_with_digit": float(read.digit_start[i]),
        "has_month": float(c["month"][j] > c["month"][i]),
        "has_comma": float(c["comma"][j] > c["comma"][i]),
        "has_bracket": float(c["bracket"][j] > c["bracket"][i]),
        # "45 menit", "dua tahun": a number counting units of time, both inside the span.
        "time_unit": float(c["time"][j - 1] > c["time"][i]),
        "has_stopword": float(c["stop"][j] > c["stop"][i]),
    }
    for (starts, ends, spans), (is_, starts_, ends_) in zip(read.typed.values(), _TYPED_KEYS):
        f[is_] = float((start, end) in spans)
        f[starts_] = float(start in starts)
        f[ends_] = float(end in ends)
    inside = c["match"][j] - c["match"][i]
    left = tokens[i - 1][2] if i > 0 else ""
    right = tokens[j][2] if j < n else ""
    f.update({
        "question_words_inside": min(inside, 3) / 3,
        "all_question_words": float(inside == n_words),
        "left_matches": float(i > 0 and matched[i - 1]),
        "right_matches": float(j < n and matched[j]),
        "left_after_wh": float(i > 0 and read.after_wh[i - 1]),
        "left_bracket": float(left == "("),
        "right_bracket": float(right == "("),
        "left_comma": float(left == ","),
        "right_comma": float(right == ","),
        "right_closes": float(right in (".", "", ")")),
        "sentence_start": float(i == 0),
    })
    if i > 0 and (cue := _CUE_KEYS.get(lows[i - 1])):
        f[cue] = 1.0
    before, after = read.prev_match[i], read.next_match[j]
    skip_left, skip_right = read.prev_word[i], read.next_word[j]
    heads, head = read.q.heads, c["head"]
    low, high = max(0, i - 6), min(n, j + 6)
    window = {lows[k] for k in read.match_at if low <= k < high and not i <= k < j}
    f.update({
        "left_distance": math.log1p(i - before) if before is not None else 3.0,
        "right_distance": math.log1p(after - j + 1) if after is not None else 3.0,
        "no_match_left": float(before is None),
        "no_match_right": float(after is None),
        "left_word_matches": float(skip_left is not None and matched[skip_left]),
        "right_word_matches": float(skip_right is not None and matched[skip_right]),
        "matches_left_3": (c["match"][i] - c["match"][max(0, i - 3)]) / 3,
        "matches_right_3": (c["match"][min(n, j + 3)] - c["match"][j]) / 3,
        "starts_with_head": float(lows[i] in heads),
        "has_head": float(head[j] > head[i]),
        "ends_with_head": float(lows[j - 1] in heads),
        "head_after": float(j < n and lows[j] in heads),
        "head_before": float(head[i] > head[max(0, i - 2)]),
        "in_dateline": float(read.dash is not None and j <= read.dash),
        "window_matches": min(len(window), 5) / 5,
        "window_share": min(1.0, len(window) / read.q.size) if read.q.size else 0.0,
    })
    return SpanCandidate(start, end, read.text[start:end], i, j, f)


LENGTH_EDGES = (1, 2, 3, 4, 6, 8)
_LENGTH_BUCKET = {k: _bucket("len", k, LENGTH_EDGES) for k in range(1, MAX_TOKENS + 1)}
_CUE_KEYS = {cue: f"left={cue}" for cue in CUE_WORDS}
TYPED = ("number", "date", "name")
_TYPED_KEYS = [(f"is_{name}", f"starts_{name}", f"ends_{name}") for name in TYPED]
# Every feature _features may set, in the order it sets them; answer_weights.json lists the
# names it was fitted with, and qa/answer/weights.py refuses a file that does not match.
BASE_SPAN_FEATURES: tuple[str, ...] = (
    *(f"len<={e}" for e in LENGTH_EDGES), f"len>{LENGTH_EDGES[-1]}",
    "capitalised_share", "first_capitalised", "all_capitalised", "lower_case", "has_digit",
    "starts_with_digit", "has_month", "has_comma", "has_bracket", "time_unit", "has_stopword",
    *(f"{side}_{name}" for name in TYPED for side in ("is", "starts", "ends")),
    "question_words_inside", "all_question_words", "left_matches", "right_matches",
    "left_after_wh", "left_bracket", "right_bracket", "left_comma", "right_comma",
    "right_closes", "sentence_start", *(f"left={cue}" for cue in CUE_WORDS), "left_distance",
    "right_distance", "no_match_left", "no_match_right", "left_word_matches",
    "right_word_matches", "matches_left_3", "matches_right_3", "starts_with_head", "has_head",
    "ends_with_head", "head_after", "head_before", "in_dateline", "window_matches",
    "window_share")


def span_feature_names() -> list[str]:
    """The span model's features: each base feature, crossed with every kind's name and with
    every non-base language's prefix."""
    crossings = list(dict.fromkeys(row.features_as for row in KINDS.values()))
    prefixes = [p.feature_prefix for p in LANGUAGES if p.feature_prefix]
    return [*BASE_SPAN_FEATURES, *(f"{c}:{n}" for c in crossings for n in BASE_SPAN_FEATURES),
            *(f"{p}{n}" for p in prefixes for n in BASE_SPAN_FEATURES)]


def crossed_features(candidate: SpanCandidate, q: SpanQuery) -> dict[str, float]:
    """The candidate's features, each also crossed with the question's answer kind, so that a
    capitalised span counts for "siapa" and a number for "berapa", and with its language."""
    crossing = KINDS[q.kind].features_as
    out = {}
    for name, value in candidate.features.items():
        if value:
            out[name] = value
            out[f"{crossing}:{name}"] = value
            if q.prefix:
                out[f"{q.prefix}{name}"] = value
    return out


def _combined_weights(weights: dict[str, float], q: SpanQuery) -> dict[str, float]:
    """Per base feature, the sum of its weights as crossed_features crosses it for `q`."""
    crossing = KINDS[q.kind].features_as
    return {name: weights.get(name, 0.0) + weights.get(f"{crossing}:{name}", 0.0)
            + (weights.get(f"{q.prefix}{name}", 0.0) if q.prefix else 0.0)
            for name in BASE_SPAN_FEATURES}


def rank_spans(question: Question, sentence: str, weights: dict[str, float] | None = None,
               glosses: Glosses = ()) -> list[SpanCandidate]:
    """The sentence's candidate spans, best first, each with its score (a log-odds)."""
    weights = weights if weights is not None else learned_weights().span
    q = span_query(question, glosses)
    row = KINDS[q.kind]
    candidates = _candidates(q, sentence)
    combined = _combined_weights(weights, q)
    for c in candidates:
        # linear_score(weights, crossed_features(c, q)), summed per feature (equal within
        # float rounding): building the crossed dicts took a tenth of an `ask`.
        c.score = sum(map(mul, map(combined.__getitem__, c.features), c.features.values()))
        if row.required_feature and not c.features.get(row.required_feature):
            c.score -= row.penalty
    return sorted(candidates, key=lambda c: -c.score)


MBR_TOP = 15  # the expected overlap is taken over the model's 15 likeliest spans


def _token_f1(a: SpanCandidate, b: SpanCandidate) -> float:
    shared = min(a.last, b.last) - max(a.first, b.first)
    return 2 * shared / (a.last - a.first + b.last - b.first) if shared > 0 else 0.0


def choose_span(ranked: list[SpanCandidate]) -> tuple[SpanCandidate, float] | None:
    """The span with the highest expected token overlap with the answer, and that expectation
    (0..1, a confidence), given the ranked candidates of rank_spans."""
    top = ranked[:MBR_TOP]
    if not top:
        return None
    scores = [c.score for c in top]
    peak = max(scores)
    probs = [math.exp(s - peak) for s in scores]
    total = sum(probs)
    expected = [sum(p * _token_f1(c, other) for p, other in zip(probs, top)) / total
                for c in top]
    best = max(range(len(top)), key=expected.__getitem__)
    return top[best], expected[best]
