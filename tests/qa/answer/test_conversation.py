"""A question in a conversation stays with the article the conversation is in, unless it names a
new subject: read from the history alone (Gradio's messages), over a real embedded Chroma store
of twelve articles and the real model."""

from __future__ import annotations

import pytest

from conftest import DATA, SAMPLE, offline_settings
from ingest.pipeline import Ingestor
from qa.answer.followup import last_quote, message_text, new_subject, user_turns
from qa.assistant import Assistant
from qa.question import read_question

KOREA = ("Wakil Menteri Luar Negeri AS, Kurt Campbell, mengatakan kepada mitranya dari Korsel, "
         "Kim Hong-kyun, bahwa hubungan militer yang lebih erat antara Pyongyang dan Moskow akan "
         "menyebabkan ketidakstabilan lebih lanjut di wilayah tersebut.")


def turn(question: str, answer: str) -> list[dict]:
    return [{"role": "user", "content": question}, {"role": "assistant", "content": answer}]


def test_the_conversation_s_quote_is_the_latest_answer_that_quoted():
    history = turn("What did Campbell tell Kim?", f"Kurt Campbell\n\n“{KOREA}” [1]")
    assert last_quote(history) == KOREA
    # An abstention quotes nothing: the answer before it still says where the talk is.
    history += turn("Who is the ambassador?", "I could not find that in the articles.")
    assert last_quote(history) == KOREA
    assert last_quote([]) == "" and last_quote(None) == ""
    assert read_question("Why?", history).conversation_quote == KOREA
    assert read_question("Why?").conversation_quote == ""


def test_a_history_of_content_parts_reads_as_its_text():
    """Gradio 6 hands the chat's history over with every message's content as a list of parts
    (and OpenAI clients may send them so): the conversation reads their text."""
    parts = [{"role": "user", "content": [{"type": "text", "text": "What did Campbell say?"}]},
             {"role": "assistant", "content": [{"type": "text", "text": f"> {KOREA}"},
                                               {"type": "image", "url": "x.png"}]}]
    assert message_text(parts[1]["content"]) == f"> {KOREA}"
    assert user_turns(parts) == ["What did Campbell say?"]
    assert last_quote(parts) == KOREA
    assert read_question("Why?", parts).followup


@pytest.mark.parametrize("question, new", [
    ("What is the capital of Australia?", "Australia"),
    ("Siapa Presiden Prancis?", "Presiden Prancis"),
    ("How many people died?", None),  # no name: about the article
    ("Mulai kapan?", None),  # capitalised only because it opens the question
    ("What did Kim Hong-kyun say back?", None),  # named in the article
    ("Why did Moskow agree?", None),
    ("Why did the US agree?", None),  # "US" is "AS" in the article: short words do not count
])
def test_a_question_that_names_what_the_conversation_lacks_starts_a_new_subject(question, new):
    assert new_subject(read_question(question), KOREA) == new


@pytest.fixture(scope="module")
def kb(tmp_path_factory, model):
    settings = offline_settings(tmp_path_factory.mktemp("conversation") / "store", "talk")
    summary = Ingestor(settings, model=model).ingest(
        [str(SAMPLE), str(DATA / "speech-articles.jsonl"), str(DATA / "qa-articles.jsonl")])
    assert summary.ok and summary.added == 12
    return Assistant(settings=settings)


def talk(kb: Assistant, *questions: str) -> list:
    history: list[dict] = []
    answers = []
    for q in questions:
        answer = kb.ask(q, history)
        history += turn(q, answer.text)
        answers.append(answer)
    return answers


def test_a_follow_up_without_a_pronoun_stays_with_the_article(kb, monkeypatch):
    """"Berapa warga yang mengungsi?" after a question on the Semarang flood is about that
    flood. Searched alone it finds the Kelud eruption, whose title says "2.400 Warga
    Mengungsi"."""
    flood, evacuated = talk(kb, "Berapa rumah yang tergenang banjir rob di Semarang?",
                            "Berapa warga yang mengungsi?")
    assert "Banjir Rob" in flood.citations[0].title
    assert not evacuated.abstained and "Banjir Rob" in evacuated.citations[0].title
    assert "3.400 warga" in evacuated.citations[0].quote
    assert evacuated.passages and all(p.article_id == flood.citations[0].article_id
                                      for p in evacuated.passages)
    # The same question without the conversation goes elsewhere: the test shows the rule.
    monkeypatch.setattr(Assistant, "_conversation_article", lambda self, question: None)
    _, alone = talk(kb, "Berapa rumah yang tergenang banjir rob di Semarang?",
                    "Berapa warga yang mengungsi?")
    assert "Banjir Rob" not in alone.citations[0].title


def test_a_question_that_names_a_new_subject_leaves_the_article(kb):
    korea, australia = talk(kb, "What did Campbell tell Kim Hong-kyun?",
                            "Where does Indonesia's wheat come from, besides Australia?")
    assert "Kurt Campbell" in korea.citations[0].quote
    assert "Gandum" in australia.citations[0].title


def test_a_stay_keeps_the_caller_s_filter(kb):
    """A `where` given with the question still holds: inside the conversation's article (one
    of its two chunks), and where it leaves that article out, over the rest of the store."""
    first = kb.ask("Berapa rumah yang tergenang banjir rob di Semarang?")
    history = turn("Berapa rumah yang tergenang banjir rob di Semarang?", first.text)
    flood = first.citations[0].article_id
    question = kb.read("Berapa warga yang mengungsi?", history)
    inside = kb.search(question, where={"chunk_index": 1})
    assert question.conversation_article == flood
    assert [(p.article_id, p.chunk_index) for p in inside] == [(flood, 1)]
    other = next(p.article_id for p in kb.search("Gunung Kelud"))
    passages = kb.search(question, where={"article_id": other})
    assert question.conversation_article is None  # searched the store: not a stay
    assert passages and all(p.article_id == other for p in passages)


def test_only_the_questions_about_the_quoted_article_count():
    """"Australia" was asked about before the talk turned to Korea: it is a new subject now."""
    history = turn("Where does Indonesia's wheat come from?",
                   "“Sebagian besar gandum tersebut didatangkan dari Australia.” [1]")
    history += turn("What did Campbell tell Kim?", f"“{KOREA}” [1]")
    question = read_question("What does Australia export?", history)
    assert question.asked_before == ("What did Campbell tell Kim?",)
    known = " ".join([KOREA, *question.asked_before])
    assert new_subject(question, known) == "Australia"


def test_the_chat_s_block_quote_wins_over_curly_quotes_inside_it():
    """A quoted sentence that itself holds “…” is escaped in the chat's block quote
    (qa/chat.py): the article's words are the unescaped block, not the curly-quoted part."""
    from qa.chat import _md_escape

    said = "Ia berkata “Kami (AS) [akan] menolak!” kepada wartawan."
    assert last_quote(turn("Apa kata AS?", "> " + _md_escape(said))) == said


def test_the_web_chat_s_answer_gives_its_quote_back(kb):
    """The chat shows the quote as an escaped Markdown block quote (qa/chat.py), which is what
    its history then holds; the conversation must read the article's words from it."""
    from qa.chat import answer_markdown

    question = "Berapa rumah yang tergenang banjir rob di Semarang?"
    answer = kb.ask(question)
    shown = answer_markdown(answer, question)
    assert "(BPBD)" in answer.citations[0].quote and "\\(BPBD\\)" in shown  # escaped
    history = turn(question, shown)
    assert last_quote(history) == answer.citations[0].quote
    evacuated = kb.ask("Berapa warga yang mengungsi?", history)
    assert "Banjir Rob" in evacuated.citations[0].title


def test_an_english_name_is_held_through_its_dictionary_translation(tmp_path):
    """"Japan" is no new subject in an article that says "Jepang": the dictionary's translation
    holds it. Without the dictionary the same question names something new."""
    from conftest import write_dictd
    from qa.lexicon import Lexicon

    lexicon = Lexicon.from_dictd(write_dictd(tmp_path, {
        "00-database-info": "English-Bahasa Indonesia test dictionary\n",
        "japan": "Japan /dʒəˈpæn/ <pn>\nJepang\ncountry in East Asia\n"}))
    known = "Jepang dan Korsel sepakat memperkuat kerja sama pertahanan."
    history = turn("What did Seoul agree on?", f"“{known}” [1]")
    glossed = read_question("And what did Japan say?", history, lexicon=lexicon)
    assert glossed.glosses  # the dictionary read the question
    assert new_subject(glossed, known) is None
    assert new_subject(read_question("And what did Japan say?", history), known) == "Japan"
