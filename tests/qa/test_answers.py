"""The offline extractive answerer end to end (real model, real embedded Chroma): quoted sentences
with exact citations, who-said-what-to-whom, answer spans, abstention, follow-up questions
resolved without a language model, streaming, and `kabar ask --json`."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conftest import DATA, ROOT, offline_settings
from ingest.pipeline import Ingestor
from qa.assistant import Assistant
from qa.documents import Answer

ARTICLES = DATA / "qa-articles.jsonl"
SAMPLE_TITLE = "Putin Akan Temui Kim Jong Un, AS Khawatir Korut-Rusia Makin Akrab"
CAMPBELL_TO_KIM = "Kurt Campbell, mengatakan kepada mitranya dari Korsel, Kim Hong-kyun"
KIM_TO_CAMPBELL = ("Wakil Menteri Luar Negeri Korsel, Kim Hong-kyun, mengatakan kepada Campbell "
                   "bahwa kunjungan Putin seharusnya tidak menghasilkan")
KHARKIV = "puing-puing dari rudal yang mendarat di Kharkiv pada 2 Januari"


@pytest.fixture(scope="module")
def kb(sample_store):
    return Assistant(settings=sample_store[0])


@pytest.fixture(scope="module")
def news_kb(tmp_path_factory, model):
    settings = offline_settings(tmp_path_factory.mktemp("articles") / "store", "articles")
    summary = Ingestor(settings, model=model).ingest([str(ARTICLES)])
    assert summary.ok and summary.added == 8
    return Assistant(settings=settings)


def assert_grounded(answer: Answer, contains: str) -> None:
    """Answered, with a first citation that quotes `contains` exactly from its passage."""
    assert not answer.abstained, answer.text
    assert answer.mode == "extractive"
    assert answer.citations, answer
    c = answer.citations[0]
    assert contains in c.quote, (contains, c.quote)
    assert c.quote in c.passage.text
    assert c.passage.text[c.start:c.start + len(c.quote)] == c.quote
    assert c.article_id == c.passage.article_id and c.title == c.passage.title
    assert c.passage.chunk_id in [p.chunk_id for p in answer.passages]
    assert c.quote in answer.text and c.label in answer.text
    assert answer.passages == sorted(answer.passages, key=lambda p: -p.score)


def turn(kb: Assistant, history: list[dict], question: str) -> Answer:
    answer = kb.ask(question, history=list(history))
    history += [{"role": "user", "content": question},
                {"role": "assistant", "content": answer.text}]
    return answer


# --- who said what to whom --------------------------------------------------------------------

@pytest.mark.parametrize("question", ["What did Campbell tell Kim Hong-kyun?",
                                      "Apa yang dikatakan Campbell kepada Kim Hong-kyun?"])
def test_campbell_to_kim(kb, question):
    answer = kb.ask(question)
    assert_grounded(answer, CAMPBELL_TO_KIM)
    assert "ketidakstabilan" in answer.citations[0].quote
    assert KIM_TO_CAMPBELL not in answer.citations[0].quote
    assert answer.citations[0].title == SAMPLE_TITLE
    assert answer.question == question


@pytest.mark.parametrize("question", ["What did Kim Hong-kyun tell Campbell?",
                                      "Apa yang dikatakan Kim Hong-kyun kepada Campbell?"])
def test_kim_to_campbell(kb, question):
    answer = kb.ask(question)
    assert_grounded(answer, KIM_TO_CAMPBELL)
    assert answer.citations[0].quote.startswith("Wakil Menteri Luar Negeri Korsel, Kim Hong-kyun")
    assert CAMPBELL_TO_KIM not in answer.citations[0].quote


# --- abstention -------------------------------------------------------------------------------

@pytest.mark.parametrize("question, says, heading, other_heading", [
    ("Who won the 2022 World Cup?", "do not seem to answer", "Nearest passages:",
     "Bagian terdekat:"),
    ("Siapa yang memenangkan Piala Dunia 2022?", "tidak menjawab", "Bagian terdekat:",
     "Nearest passages:"),
])
def test_unrelated_question_abstains(kb, question, says, heading, other_heading):
    answer = kb.ask(question)
    assert answer.abstained is True
    assert says in answer.text
    assert "“" not in answer.text  # no sentence is passed off as an answer
    assert answer.span is None
    assert answer.passages and answer.passages[0].title == SAMPLE_TITLE  # still listed
    streamed = "".join(kb.ask_stream(question))
    # The heading comes in the question's language.
    assert heading in streamed and other_heading not in streamed and SAMPLE_TITLE in streamed
    assert "Sources:" not in streamed and "Sumber:" not in streamed


# --- answer spans -----------------------------------------------------------------------------

@pytest.mark.parametrize("question", ["When did the missile debris land in Kharkiv?",
                                      "Kapan rudal mendarat di Kharkiv?"])
def test_date_span(kb, question):
    answer = kb.ask(question)
    assert_grounded(answer, KHARKIV)
    assert answer.span == "2 Januari" == answer.citations[0].span
    assert answer.span in answer.citations[0].quote
    assert answer.text.startswith("2 Januari")


@pytest.mark.parametrize("question, span, sentence", [
    ("Berapa ton gandum yang diimpor Indonesia pada 2023?", "4,5 juta ton",
     "impor gandum Indonesia sepanjang 2023 mencapai 4,5 juta ton"),
    ("How many tons of wheat did Indonesia import in 2023?", "4,5 juta ton",
     "impor gandum Indonesia sepanjang 2023 mencapai 4,5 juta ton"),
    ("Berapa harga beras medium per kilogram di Jakarta?", "Rp 14.500",
     "naik menjadi Rp 14.500 per kilogram"),
    # The counted noun belongs to the answer, as in FacQA's gold spans ("70 peserta", "4,5 juta
    # ton"); "penyu hijau" after it does not.
    ("Berapa tukik yang dilepas di Pantai Sukamade?", "350 tukik", "Sebanyak 350 tukik penyu hijau"),
])
def test_number_span(news_kb, question, span, sentence):
    """The span model marks the number in the quote; it heads the answer only when its
    calibrated probability is high enough (qa/answer/headline.py), and then it is this span."""
    answer = news_kb.ask(question)
    assert_grounded(answer, sentence)
    assert answer.citations[0].span == span, (answer.citations[0].span, answer.citations[0].quote)
    assert answer.span in (None, span)
    assert answer.text.startswith(span if answer.span else "“")


# --- follow-up questions, no language model ---------------------------------------------------
# What these check is the resolution: the span is read from the quote's citation, which the span
# model always marks; whether it also heads the answer is tests/qa/answer/test_headline.py's.

def test_followup_reply_over_the_sample(kb):
    history: list[dict] = []
    first = turn(kb, history, "What did Campbell tell Kim Hong-kyun?")
    assert_grounded(first, CAMPBELL_TO_KIM)
    second = turn(kb, history, "And what did Kim say back?")
    assert_grounded(second, KIM_TO_CAMPBELL)
    assert "Campbell" in second.question  # resolved with the conversation
    # The same words without the conversation do not know who Kim answered.
    assert kb.ask("And what did Kim say back?").question == "And what did Kim say back?"
    third = turn(kb, history, "When did the missile debris land in Kharkiv?")
    assert third.citations[0].span == "2 Januari"


def test_followup_when_did_that_happen_indonesian(kb):
    history: list[dict] = []
    first = turn(kb, history, "Rudal apa yang mendarat di Kharkiv?")
    assert_grounded(first, KHARKIV)
    second = turn(kb, history, "Kapan itu terjadi?")
    assert "Kharkiv" in second.question
    assert_grounded(second, KHARKIV)
    assert second.citations[0].span == "2 Januari"


def test_followup_when_did_that_happen_english(kb):
    history: list[dict] = []
    first = turn(kb, history, "Which missile landed in Kharkiv?")
    assert_grounded(first, KHARKIV)
    second = turn(kb, history, "When did that happen?")
    assert "Kharkiv" in second.question
    assert_grounded(second, KHARKIV)
    assert second.citations[0].span == "2 Januari"


# "he", "dia", "-nya" after a who-question: the person its answer named, whom the question
# could not name. Without it these quoted Kim's message and the article's lead.
PESKOV_STATEMENT = "Kami berhak membina hubungan baik dengan tetangga kami"


@pytest.mark.parametrize("who, said", [
    ("Siapa juru bicara Kremlin?", "Apa katanya soal hubungan dengan Korut?"),
    ("Who is the Kremlin spokesman?", "What did he say about North Korea?"),
    ("Siapa juru bicara Kremlin?", "Apa yang dia katakan tentang hubungan dengan Korut?"),
])
def test_followup_pronoun_is_the_person_the_answer_named(kb, who, said):
    history: list[dict] = []
    first = turn(kb, history, who)
    assert "Dmitry Peskov" in first.citations[0].quote
    second = turn(kb, history, said)
    # The whole three-sentence quotation, with its attribution.
    assert_grounded(second, PESKOV_STATEMENT)
    assert "ujar juru bicara Kremlin, Dmitry Peskov" in second.citations[0].quote


def test_followup_pronoun_reading():
    """Which person a pronoun stands for, read from the conversation alone (no model)."""
    from qa.question import read_question

    quote = ("“Potensi perkembangan hubungan kami sangat besar,\" ujar juru bicara Kremlin, "
             "Dmitry Peskov, dilansir Channel News Asia.” [1]")
    after_who = [{"role": "user", "content": "Siapa juru bicara Kremlin?"},
                 {"role": "assistant", "content": quote}]
    assert read_question("Apa katanya?", after_who).roles.agents == ["Dmitry Peskov"]
    assert read_question("What did he say?", after_who).roles.agents == ["Dmitry Peskov"]
    # A question that names its speaker is its own question.
    named = read_question("Apa kata Putin?", after_who)
    assert named.roles.agents == ["Putin"] and named.person == ""
    # The answer's headline names the person, in the offline answer and in the chat's Markdown.
    for answer in ("Kim Jong-un\n\n“Putin berencana bertemu dengan pemimpin Korut, Kim Jong-un, "
                   "dalam kunjungan balasannya.” [1]",
                   "**Kim Jong-un**\n\n> Putin berencana bertemu dengan pemimpin Korut, Kim "
                   "Jong-un, dalam kunjungan balasannya.\n\nSumber: [1] Putin Akan Temui Kim"):
        history = [{"role": "user", "content": "Siapa pemimpin Korut?"},
                   {"role": "assistant", "content": answer}]
        assert read_question("Apa katanya kepada Putin?", history).person == "Kim Jong-un"
    # A quote that names no speaker and no headline: its places are nobody ("Denpasar").
    lead = [{"role": "user", "content": "Who organised the kite festival in Sanur?"},
            {"role": "assistant", "content": "“Denpasar - Festival Layang-layang Internasional "
                                             "di Pantai Padang Galak diikuti 600 peserta.” [1]"}]
    assert read_question("What did he say about the winners?", lead).person == ""
    # The pronoun's role: "him", "kepadanya" and "was he told" are the addressee; a possessive
    # ("his spokesman", "juru bicaranya") is someone else, and not a word ending in "-nya".
    told = read_question("What was he told?", after_who).roles
    assert told.recipients == ["Dmitry Peskov"] and not told.agents
    assert read_question("Apa yang disampaikan kepadanya?", after_who).roles.recipients == \
        ["Dmitry Peskov"]
    for own in ("What did his spokesman say?", "Apa kata juru bicaranya?", "Apa dampaknya?"):
        assert read_question(own, after_who).person == "", own
    # Two turns on, "katanya" is still the same person.
    third = after_who + [{"role": "user", "content": "Apa katanya?"},
                         {"role": "assistant", "content": quote}]
    assert read_question("Apa lagi katanya?", third).roles.agents == ["Dmitry Peskov"]
    # A first paragraph that is no name is no headline (a language model's answer).
    llm = [{"role": "user", "content": "Siapa juru bicara Kremlin?"},
           {"role": "assistant", "content": "Peskov said the following:\n\n“Kami berhak.”"}]
    assert read_question("What did he say?", llm).person == ""
    # Not after another kind of question: "dia" is then not the answer's person.
    after_what = [{"role": "user", "content": "Apa yang dibahas di Kremlin?"},
                  {"role": "assistant", "content": quote}]
    assert read_question("Apa katanya?", after_what).person == ""


def test_followup_three_turns_over_the_train_article(news_kb):
    history: list[dict] = []
    first = turn(news_kb, history, "Berapa penumpang yang sudah diangkut kereta cepat Whoosh?")
    assert_grounded(first, "telah mengangkut satu juta penumpang")
    assert first.citations[0].span == "satu juta"
    second = turn(news_kb, history, "Kapan kereta itu mulai beroperasi?")
    assert_grounded(second, "beroperasi secara komersial pada 17 Oktober 2023")
    assert second.citations[0].span == "17 Oktober 2023"
    assert "Whoosh" in second.question
    third = turn(news_kb, history, "Berapa lama perjalanannya?")
    assert_grounded(third, "hanya memakan waktu sekitar 45 menit")
    assert third.citations[0].span == "45 menit"


def test_followup_english_over_the_wheat_article(news_kb):
    history: list[dict] = []
    first = turn(news_kb, history, "How many tons of wheat did Indonesia import in 2023?")
    assert first.citations[0].span == "4,5 juta ton"
    second = turn(news_kb, history, "Where did most of it come from?")
    assert_grounded(second, "didatangkan dari Australia")
    assert second.citations[0].article_id == "qa-gandum"
    assert second.citations[0].span == "Australia"


def test_followup_indonesian_over_the_flood_article(news_kb):
    history: list[dict] = []
    first = turn(news_kb, history, "Berapa rumah yang terendam banjir di Dayeuhkolot?")
    assert_grounded(first, "merendam 320 rumah")
    second = turn(news_kb, history, "Berapa tinggi airnya?")
    assert_grounded(second, "Ketinggian air di permukiman warga mencapai 1,5 meter")
    assert second.citations[0].span == "1,5 meter"
    assert second.citations[0].article_id == "qa-banjir"


# --- streaming --------------------------------------------------------------------------------

def test_ask_stream_is_the_same_answer_in_pieces(kb):
    question = "What did Campbell tell Kim Hong-kyun?"
    answer = kb.ask(question)
    pieces = list(kb.ask_stream(question))
    assert len(pieces) > 5 and all(isinstance(p, str) and p for p in pieces)
    text = "".join(pieces)
    assert answer.text in text
    assert text.index(answer.text) < text.index("Sources:")
    c = answer.citations[0]
    last = text.rstrip().splitlines()[-1]
    assert last == f"{c.label} {SAMPLE_TITLE} (chunk {c.passage.chunk_index})"
    assert pieces[-1].lstrip().startswith("Sources:")


# --- the CLI ----------------------------------------------------------------------------------

def cli(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, ANONYMIZED_TELEMETRY="False", PYTHONUNBUFFERED="1")
    for name in ("KABAR_STORE", "KABAR_CHROMA_URL", "KABAR_COLLECTION", "KABAR_LLM"):
        env.pop(name, None)
    return subprocess.run([sys.executable, "-m", "qa.cli", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)


def test_cli_ask_json(sample_store):
    settings, _ = sample_store
    proc = cli("ask", "--store", str(settings.store), "--collection", settings.collection,
               "--json", "What did Campbell tell Kim Hong-kyun?")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert {"answer", "abstained", "citations", "passages"} <= set(out)
    assert out["abstained"] is False
    citation = out["citations"][0]
    assert {"article_id", "title", "quote"} <= set(citation)
    assert CAMPBELL_TO_KIM in citation["quote"] and citation["quote"] in out["answer"]
    assert citation["title"] == SAMPLE_TITLE
    assert out["passages"] and {"article_id", "chunk_id", "title", "text", "score"} <= \
        set(out["passages"][0])
    cited = [p for p in out["passages"] if p["article_id"] == citation["article_id"]
             and citation["quote"] in p["text"]]
    assert cited, "the quote is an exact substring of a listed passage"


def test_cli_ask_text(sample_store):
    settings, _ = sample_store
    proc = cli("ask", "--store", str(settings.store), "--collection", settings.collection,
               "What did Kim Hong-kyun tell Campbell?")
    assert proc.returncode == 0, proc.stderr
    assert KIM_TO_CAMPBELL in proc.stdout
    assert "Sources:" in proc.stdout and SAMPLE_TITLE in proc.stdout
    assert CAMPBELL_TO_KIM not in proc.stdout


def test_the_chat_s_example_questions_are_answered_from_the_sample(sample_store):
    """The web chat offers these to try over the sample article: each must get a quote."""
    from app import EXAMPLES
    from qa.assistant import Assistant

    kb = Assistant(settings=sample_store[0])
    for question in EXAMPLES:
        answer = kb.ask(question)
        assert not answer.abstained and answer.citations, (question, answer.text)
        assert answer.citations[0].article_id == sample_store[1], question
