"""Statement questions ("what did X tell Y") are answered by X's statement, in both languages and
for every verb of saying the packs know (tell, say to, warn, reply, "kata ... kepada",
"mengatakan kepada", "memperingatkan", "menjawab", "membalas"): who-did-what-to-whom read from
real article text (the sample article and three CC0 articles of devsets/natural), answered by
the real model over a real embedded Chroma store."""

from __future__ import annotations

import pytest

from conftest import DATA, SAMPLE, offline_settings
from ingest.pipeline import Ingestor
from qa.answer.roles import read_roles, role_agreement, says
from qa.assistant import Assistant

CAMPBELL_TO_KIM = "Kurt Campbell, mengatakan kepada mitranya dari Korsel, Kim Hong-kyun"
KIM_TO_CAMPBELL = "Kim Hong-kyun, mengatakan kepada Campbell bahwa kunjungan Putin"
PESKOV = "ujar juru bicara Kremlin, Dmitry Peskov"
WARNING = "telah memperingatkan Presiden Rusia Vladimir Putin"
SLAMET_TO_HENDRA = "ujarnya kepada Wali Kota Semarang, Hendra Prasetya"
HENDRA_REPLIES = "Hendra menjawab bahwa pembangunan tanggul laut"
SUYATNO_TO_REGENT = "kata Suyatno (61), warga Sugihwaras, kepada Bupati"
MAYA_TO_DRIVERS = "Maya Kartika, mengatakan kepada para pengemudi"
RUDI_REPLIES = "Rudi membalas bahwa pengemudi tidak pernah menerima"
RUDI_WARNS_BENNY = "Rudi mengingatkan Benny bahwa pengemudi akan kembali"


# Known limit: the rule finds Rudi speaking, but Rudi speaks twice in the article and his quote
# ('"Dengan potongan 20 persen, ...," kata koordinator aksi, Rudi Sitompul') outscores his reply
# to Maya: nothing yet reads that a reply comes after the statement it answers. The English
# question has quoted the reply since the sentence ranker was refitted on the natural dev half
# (benchmarks/tune_natural.py); the Indonesian one still takes the quote.
REPLY_ORDER = pytest.mark.xfail(strict=True, reason="a reply is not yet told from the "
                                "speaker's other statements")


@pytest.fixture(scope="module")
def kb(tmp_path_factory, model):
    settings = offline_settings(tmp_path_factory.mktemp("speech") / "store", "speech")
    summary = Ingestor(settings, model=model).ingest(
        [str(SAMPLE), str(DATA / "speech-articles.jsonl")])
    assert summary.ok and summary.added == 4
    return Assistant(settings=settings)


def quoted(kb: Assistant, question: str) -> str:
    answer = kb.ask(question)
    assert not answer.abstained, (question, answer.text)
    return answer.citations[0].quote


@pytest.mark.parametrize("question, says", [
    # tell, and the same question with the roles swapped
    ("What did Campbell tell Kim Hong-kyun?", CAMPBELL_TO_KIM),
    ("What did Kim Hong-kyun tell Campbell?", KIM_TO_CAMPBELL),
    ("What did Kurt Campbell tell his South Korean counterpart Kim Hong-kyun?", CAMPBELL_TO_KIM),
    # say to
    ("What did Kim Hong-kyun say to Campbell?", KIM_TO_CAMPBELL),
    ("What did Campbell say to Kim Hong-kyun?", CAMPBELL_TO_KIM),
    # mengatakan kepada, dikatakan ... kepada
    ("Apa yang dikatakan Campbell kepada Kim Hong-kyun?", CAMPBELL_TO_KIM),
    ("Apa yang dikatakan Kim Hong-kyun kepada Campbell?", KIM_TO_CAMPBELL),
    ("Kim Hong-kyun mengatakan apa kepada Campbell?", KIM_TO_CAMPBELL),
    # kata ... kepada
    ("Apa kata Kim Hong-kyun kepada Campbell?", KIM_TO_CAMPBELL),
    ("Apa kata Campbell kepada Kim Hong-kyun?", CAMPBELL_TO_KIM),
    ("Apa kata Suyatno kepada Bupati?", SUYATNO_TO_REGENT),
    ("What did Suyatno say to the regent?", SUYATNO_TO_REGENT),
    ("Apa yang dikatakan Maya Kartika kepada para pengemudi?", MAYA_TO_DRIVERS),
    ("What did Maya Kartika tell the drivers?", MAYA_TO_DRIVERS),
    # say, without an addressee: the speaker's own statement
    ("What did Peskov say about relations with North Korea?", PESKOV),
    ("Apa kata Peskov soal hubungan dengan Korut?", PESKOV),
    # warn, memperingatkan, mengingatkan
    ("What did the US and South Korea warn Putin about?", WARNING),
    ("Apa yang diperingatkan AS dan Korsel kepada Putin?", WARNING),
    ("What did Rudi warn Benny about?", RUDI_WARNS_BENNY),
    ("Rudi mengingatkan Benny tentang apa?", RUDI_WARNS_BENNY),
    # reply, menjawab, membalas
    ("What did Hendra reply to the residents?", HENDRA_REPLIES),
    ("Apa jawaban Hendra kepada warga?", HENDRA_REPLIES),
    ("What did Slamet tell Hendra?", SLAMET_TO_HENDRA),
    ("What did Rudi reply to Maya Kartika?", RUDI_REPLIES),
    pytest.param("Bagaimana Rudi membalas Maya Kartika?", RUDI_REPLIES, marks=REPLY_ORDER),
])
def test_statement_question_quotes_the_speakers_statement(kb, question, says):
    assert says in quoted(kb, question)


@pytest.mark.parametrize("sentence, agents, recipients", [
    # the speaker before the verb, the addressee after "kepada", what was said after "bahwa"
    ("Wakil Menteri Luar Negeri Korsel, Kim Hong-kyun, mengatakan kepada Campbell bahwa "
     "kunjungan Putin seharusnya tidak menghasilkan lebih banyak kerja sama militer antara "
     "Pyongyang dan Moskow yang melanggar resolusi PBB.", ["Kim Hong-kyun"], ["Campbell"]),
    # the addressee before the verb, in its own phrase
    ("Dalam pesannya kepada Putin pekan ini, Kim mengatakan hubungan negaranya dengan Moskow "
     "telah berkembang.", ["Kim"], ["Putin"]),
    # an attribution after the quote: the speaker follows it, the quote's words are not read
    ('Kami minta tanggul laut segera diselesaikan," ujarnya kepada Wali Kota Semarang, Hendra '
     'Prasetya, yang meninjau lokasi.', [], ["Hendra Prasetya"]),
    ('"Sapi saya ada empat, siapa yang kasih makan kalau saya di pengungsian," kata Suyatno '
     '(61), warga Sugihwaras, kepada Bupati yang mendatangi desanya.', ["Suyatno"], ["Bupati"]),
    # the addressee is the verb's object
    ("Rudi mengingatkan Benny bahwa pengemudi akan kembali turun ke jalan.", ["Rudi"],
     ["Benny"]),
    ("Hendra menjawab bahwa pembangunan tanggul laut ditargetkan rampung pada Desember 2025.",
     ["Hendra"], []),
])
def test_roles_of_real_sentences(sentence, agents, recipients):
    roles = read_roles(sentence)
    assert roles.speech
    assert all(a in roles.agents for a in agents), roles
    assert all(any(r in n for n in roles.recipients) for r in recipients), roles
    assert not set(roles.agents) & set(roles.recipients)


def test_a_statement_question_disagrees_with_the_speaker_addressed():
    """"What did Hendra reply?": the sentence where Hendra is spoken to is not his reply."""
    question = read_roles("What did Hendra reply to the residents?")
    spoken_to = read_roles('Kami minta tanggul laut segera diselesaikan," ujarnya kepada Wali '
                           'Kota Semarang, Hendra Prasetya, yang meninjau lokasi.')
    replying = read_roles("Hendra menjawab bahwa pembangunan tanggul laut sepanjang 3,6 kilometer "
                          "ditargetkan rampung pada Desember 2025.")
    assert role_agreement(question, spoken_to) == -1.0
    assert role_agreement(question, replying) == 1.0


@pytest.mark.parametrize("sentence, said", [
    ('"Sapi saya ada empat, siapa yang kasih makan," kata Suyatno.', True),
    ("Hendra menjawab bahwa pembangunan tanggul laut ditargetkan rampung pada 2025.", True),
    ("Campbell told Kim that closer ties would destabilise the region.", True),
    ("Letusan terakhir Gunung Kelud terjadi pada Februari 2014.", False),
    ("Sekitar 3.000 pengemudi ojek daring menggelar aksi mogok di Medan.", False),
])
def test_says(sentence, said):
    assert says(sentence) is said


def test_a_pronoun_speech_word_is_read_in_questions_only():
    """"Apa katanya?" asks what he said; in an article "Katanya, ..." is hearsay and
    "pernyataannya" a noun: neither names a speaker there."""
    assert read_roles("Apa katanya soal harga?", question=True).speech
    assert not read_roles("Katanya, harga cabai di Yogyakarta naik.").speech
    assert read_roles("Dalam pernyataannya, Peskov mengatakan Rusia dan Korea Utara "
                      "bersahabat.").agents == ["Peskov"]


def test_a_statement_question_prefers_what_was_said(kb):
    """ExtractiveWeights.said: for a statement question, every sentence that reports something
    said gains exactly `said` in the choice (and nothing in the confidence); for any other
    question nothing changes."""
    import dataclasses

    import numpy as np

    from qa.answer.extractive import ExtractiveWeights

    answerer = kb.extractive
    try:
        for question, speech in (("How did the mayor respond to Slamet?", True),
                                 ("How high was the tidal flood in Semarang?", False)):
            read = kb.read(question)
            assert read.roles.speech is speech
            passages = kb.search(read)
            sentences = answerer.sentences(passages)
            scores = {}
            for said in (0.0, 0.05):
                answerer.weights = dataclasses.replace(ExtractiveWeights(), said=said)
                scores[said] = answerer.score(read, sentences, passages)
            marks = np.array([says(s.text) for s in sentences])
            assert marks.any() and not marks.all()
            expected = 0.05 * marks if speech else np.zeros(len(sentences))
            assert np.allclose(scores[0.05][0] - scores[0.0][0], expected)
            assert np.allclose(scores[0.05][1], scores[0.0][1])  # the confidence does not move
    finally:
        answerer.weights = ExtractiveWeights()
