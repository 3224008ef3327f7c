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

from qa.answer.kinds import KINDS, AnswerKind
from qa.answer.roles import names
from qa.answer.weights import learned_weights, linear_score
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
    """A sentence as the span features read it: its tokens, and which match the question."""

    q: SpanQuery
    text: str
    tokens: list[tuple[int, int, str]]  # (start, end, token)
    matched: list[bool]  # the token is one of the question's words
    after_wh: list[bool]  # ... one that follows the question word
    match_at: list[int]  # positions of the matched tokens
    typed: dict[str, tuple[set, set, set]]  # number/date/name: (starts, ends, spans)


def _candidates(q: SpanQuery, sentence: str) -> list[SpanCandidate]:
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(sentence)]
    if not tokens:
        return []
    matched = [_matches(t, q) for _, _, t in tokens]
    # (starts, ends, spans) of the numbers, dates and name groups, for boundary features.
    typed = {name: ({s for s, _ in found}, {e for _, e in found}, found)
             for name, found in zip(TYPED, _typed_spans(sentence))}
    read = _Sentence(q, sentence, tokens, matched, [t.lower() in q.after_wh for _, _, t in tokens],
                     [i for i, m in enumerate(matched) if m], typed)
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
    """The candidate of tokens [i, j) and its features (named as in SPAN_FEATURES)."""
    q, sentence, tokens, matched = read.q, read.text, read.tokens, read.matched
    after_wh, match_at, typed = read.after_wh, read.match_at, read.typed
    start, end = tokens[i][0], tokens[j - 1][1]
    text = sentence[start:end]
    span_tokens = [t for _, _, t in tokens[i:j]]
    word_tokens = [t for t in span_tokens if t[0].isalnum()]
    length = j - i
    f: dict[str, float] = {}
    f[_bucket("len", length, LENGTH_EDGES)] = 1.0
    caps = sum(t[0].isupper() for t in word_tokens)
    f["capitalised_share"] = caps / len(word_tokens) if word_tokens else 0.0
    f["first_capitalised"] = float(span_tokens[0][0].isupper())
    f["all_capitalised"] = float(caps == len(word_tokens))
    f["lower_case"] = float(caps == 0 and not any(ch.isdigit() for ch in text))
    f["has_digit"] = float(any(ch.isdigit() for ch in text))
    f["starts_with_digit"] = float(span_tokens[0][0].isdigit()
                                   or span_tokens[0].lower() in _NUMBER_WORDS)
    f["has_month"] = float(any(_MONTH_WORD.match(t) for t in span_tokens))
    f["has_comma"] = float("," in span_tokens)
    f["has_bracket"] = float("(" in span_tokens)
    f["time_unit"] = float(any(  # "45 menit", "dua tahun": a number counting units of time
        (a[0].isdigit() or a.lower() in _NUMBER_WORDS) and b.lower() in _TIME_UNITS
        for a, b in zip(span_tokens, span_tokens[1:])))
    f["has_stopword"] = float(any(t.lower() in STOPWORDS for t in span_tokens))
    for name, (starts, ends, spans) in typed.items():
        f[f"is_{name}"] = float((start, end) in spans)
        f[f"starts_{name}"] = float(start in starts)
        f[f"ends_{name}"] = float(end in ends)
    inside = sum(matched[i:j])
    f["question_words_inside"] = min(inside, 3) / 3
    f["all_question_words"] = float(inside == len(word_tokens))
    left = tokens[i - 1][2] if i > 0 else ""
    right = tokens[j][2] if j < len(tokens) else ""
    f["left_matches"] = float(i > 0 and matched[i - 1])
    f["right_matches"] = float(j < len(tokens) and matched[j])
    f["left_after_wh"] = float(i > 0 and after_wh[i - 1])
    f["left_bracket"] = float(left == "(")
    f["right_bracket"] = float(right == "(")
    f["left_comma"] = float(left == ",")
    f["right_comma"] = float(right == ",")
    f["right_closes"] = float(right in (".", "", ")"))
    f["sentence_start"] = float(i == 0)
    low_left = left.lower()
    for cue in CUE_WORDS:
        if low_left == cue:
            f[f"left={cue}"] = 1.0
    before = [k for k in match_at if k < i]
    after = [k for k in match_at if k >= j]
    f["left_distance"] = math.log1p(i - before[-1]) if before else 3.0
    f["right_distance"] = math.log1p(after[0] - j + 1) if after else 3.0
    f["no_match_left"] = float(not before)
    f["no_match_right"] = float(not after)
    skip_left = next((k for k in range(i - 1, -1, -1) if tokens[k][2][0].isalnum()), None)
    skip_right = next((k for k in range(j, len(tokens)) if tokens[k][2][0].isalnum()), None)
    f["left_word_matches"] = float(skip_left is not None and matched[skip_left])
    f["right_word_matches"] = float(skip_right is not None and matched[skip_right])
    f["matches_left_3"] = sum(matched[max(0, i - 3):i]) / 3
    f["matches_right_3"] = sum(matched[j:j + 3]) / 3
    lows = [t.lower() for t in span_tokens]
    f["starts_with_head"] = float(lows[0] in q.heads)
    f["has_head"] = float(any(t in q.heads for t in lows))
    f["ends_with_head"] = float(lows[-1] in q.heads)
    f["head_after"] = float(right.lower() in q.heads)
    f["head_before"] = float(any(tokens[k][2].lower() in q.heads for k in range(max(0, i - 2), i)))
    dash = next((k for k in range(min(len(tokens), 6)) if tokens[k][2] in "-–—"), None)
    f["in_dateline"] = float(dash is not None and j <= dash)
    window = {tokens[k][2].lower() for k in range(max(0, i - 6), min(len(tokens), j + 6))
              if matched[k] and not i <= k < j}
    f["window_matches"] = min(len(window), 5) / 5
    f["window_share"] = min(1.0, len(window) / q.size) if q.size else 0.0
    return SpanCandidate(start, end, text, i, j, f)


LENGTH_EDGES = (1, 2, 3, 4, 6, 8)
TYPED = ("number", "date", "name")
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


def rank_spans(question: Question, sentence: str, weights: dict[str, float] | None = None,
               glosses: Glosses = ()) -> list[SpanCandidate]:
    """The sentence's candidate spans, best first, each with its score (a log-odds)."""
    weights = weights if weights is not None else learned_weights().span
    q = span_query(question, glosses)
    row = KINDS[q.kind]
    candidates = _candidates(q, sentence)
    for c in candidates:
        c.score = linear_score(weights, crossed_features(c, q))
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
