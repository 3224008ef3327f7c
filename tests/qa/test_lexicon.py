"""The English→Indonesian glosses: reading dictd files, lemmas, and what the answerer does with them."""

from __future__ import annotations

import pytest

from conftest import write_dictd
from qa.answer.reading import Sentence, word_signals
from qa.question import read_question
from qa.answer.spans import rank_spans
from qa.lexicon import (DEFAULT_DICTIONARY, GENERIC_ENTRIES, DictionaryError, Lexicon,
                        dictionary_installed, glossed_question, load_lexicon)

# Entries laid out as FreeDict's eng-ind prints them: headword line, translation line(s),
# English definitions; numbered senses may follow a definition.
ENTRIES = {
    "00-database-info": "English-Bahasa Indonesia test dictionary\n",
    "minister": "minister /ˈmɪnɪstə/ <n>\nmenteri\npolitician who heads a ministry\n",
    "trade": "trade /tɹeɪd/ <n>\n1. dagang, niaga\n2. perdagangan\nbuying and selling\n",
    "price": "price /pɹaɪs/ <n>\nharga 2.\ncost of an action or deed\n 3.\ncost required\n",
    "say": "say /seɪ/ <v>\nberkata, mengatakan\nto pronounce\n",
    "when": "when /wɛn/ <conjunction>\n1. kapan, jika\nat what time\n3. ketika\nduring the time\n",
}


@pytest.fixture()
def lexicon(tmp_path) -> Lexicon:
    return Lexicon.from_dictd(write_dictd(tmp_path, ENTRIES))


def test_translations_come_from_the_translation_and_sense_lines(lexicon):
    assert lexicon.translate("minister") == {"menteri"}
    assert lexicon.translate("trade") == {"dagang", "niaga", "perdagangan"}
    assert lexicon.translate("price") == {"harga"}  # the stray "2." is a sense number
    assert lexicon.translate("when") == {"ketika"}  # "kapan", "jika": stop words, never matched
    assert "politician" not in lexicon.translate("minister")  # definitions are English
    assert lexicon.translate("00-database-info") == frozenset()


def test_inflected_and_possessive_words_find_their_entry(lexicon):
    assert lexicon.translate("said") == {"berkata", "mengatakan"}  # lemma: say
    assert lexicon.translate("ministers") == {"menteri"}
    assert lexicon.translate("Minister's") == {"menteri"}
    assert lexicon.translate("unknownword") == frozenset()


def test_british_spellings_find_the_american_entry(tmp_path):
    lexicon = Lexicon.from_dictd(write_dictd(tmp_path, {
        "organization": "organization <n>\norganisasi\n",
        "center": "center <n>\npusat\n",
        "color": "color <n>\nwarna\n",
        "diarrhea": "diarrhea <n>\ndiare\n",
        "or": "or <conj>\natau\n",
    }))
    assert lexicon.translate("organisation") == {"organisasi"}
    assert lexicon.translate("organisations") == {"organisasi"}
    assert lexicon.translate("centre") == {"pusat"}
    assert lexicon.translate("colours") == {"warna"}
    assert lexicon.translate("diarrhoea") == {"diare"}
    assert lexicon.translate("our") == frozenset()  # too short to be a British "-our"


def test_glosses_keep_question_order_and_skip_function_words(lexicon):
    glosses = lexicon.glosses("What did the Trade Minister say about the price of rice?")
    assert [w for w, _ in glosses] == ["trade", "minister", "say", "price", "rice"]
    assert dict(glosses)["rice"] == frozenset()


def test_words_shared_by_many_entries_give_way_to_the_telling_one(tmp_path):
    """FreeDict glosses each language as "bahasa X": "bahasa" would match any sentence about
    any language, so an entry keeps only its telling word, unless it has no other."""
    entries = {f"language{i}": f"language{i} <n>\nbahasa negeri{i}\na language\n"
               for i in range(GENERIC_ENTRIES + 1)}
    entries["japanese"] = "japanese <adj>\nbahasa Jepang, orang Jepang\nof Japan\n"
    entries["language"] = "language <n>\nbahasa\nhuman speech\n"
    lexicon = Lexicon.from_dictd(write_dictd(tmp_path, entries))
    assert lexicon.translate("japanese") == {"jepang", "orang"}  # "orang" is in one entry here
    assert lexicon.translate("language") == {"bahasa"}
    assert lexicon.translate("language3") == {"negeri3"}


def test_a_possessive_name_is_found_without_its_s(lexicon):
    glosses = dict(lexicon.glosses("Who cancelled Koizumi's visit?"))
    assert "koizumi" in glosses["koizumi's"]


def test_the_glossed_question_carries_the_translations(lexicon):
    question = "What did the Trade Minister say?"
    assert glossed_question(question, lexicon.glosses(question)) == (
        "What did the Trade Minister say? berkata dagang mengatakan menteri niaga perdagangan")
    assert glossed_question("What did Campbell tell Kim?", lexicon.glosses(
        "What did Campbell tell Kim?")) is None


def test_missing_dictionary_names_the_files(tmp_path):
    with pytest.raises(DictionaryError, match=r"nothing.*\.index"):
        Lexicon.from_dictd(tmp_path / "nothing")
    with pytest.raises(DictionaryError):
        load_lexicon(tmp_path / "nothing")


def test_malformed_index_names_file_and_line(tmp_path):
    base = write_dictd(tmp_path, ENTRIES)
    index = base.with_name(base.name + ".index")
    index.write_text(index.read_text() + "broken line without tabs\n", encoding="utf-8")
    with pytest.raises(DictionaryError, match=r"test-eng-ind\.index, line 7"):
        Lexicon.from_dictd(base)


SENTENCES = ["Menteri Perdagangan Mari Pangestu mengatakan harga beras naik pada Kamis.",
             "Pemerintah Kota Medan membuka pasar baru di pusat kota."]


def test_glosses_let_an_english_question_share_words_with_an_indonesian_sentence(lexicon):
    question = read_question("What did the Trade Minister say about the price?", lexicon=lexicon)
    sentences = [Sentence(0, 0, len(t), t) for t in SENTENCES]
    plain = word_signals(question, sentences, [()] * len(sentences)).overlap
    glossed = word_signals(question, sentences, [question.glosses] * len(sentences)).overlap
    assert plain[0] == 0.0  # no English word occurs in the Indonesian sentence
    assert glossed[0] == 1.0  # trade, minister, say, price: all through their translations
    assert glossed[1] == 0.0


def test_glosses_place_the_answer_beside_the_translated_words(lexicon):
    """"When did the price ..." is answered by the day beside "harga" in the sentence."""
    question = read_question("When did the Trade Minister say the price went up?",
                             lexicon=lexicon)
    sentence = "Menteri Perdagangan mengatakan harga beras naik pada Kamis, 8 September."
    plain = rank_spans(question, sentence)
    glossed = rank_spans(question, sentence, glosses=question.glosses)
    assert plain[0].features.get("window_matches", 0) == 0
    assert glossed[0].features.get("window_matches", 0) > 0


@pytest.mark.skipif(not dictionary_installed(DEFAULT_DICTIONARY),
                    reason="Debian's dict-freedict-eng-ind is not installed (.ci/run installs it)")
def test_the_system_dictionary_reads():
    lexicon = load_lexicon(None)
    assert lexicon is not None and len(lexicon.entries) > 5000
    assert "menteri" in lexicon.translate("minister")
    assert "gandum" in lexicon.translate("wheat")



def test_an_indonesian_question_is_not_glossed(lexicon):
    question = read_question("Apa kata Menteri Perdagangan tentang harga?", lexicon=lexicon)
    assert question.glosses == () and not question.glossed


def test_the_assistant_glosses_with_the_dictionary_its_settings_name(sample_store, tmp_path):
    """KABAR_DICTIONARY (Settings.dictionary) reaches both the search and the answerer."""
    from dataclasses import replace

    from qa.assistant import Assistant

    # A made-up entry, so that the system's dictionary could not pass for this one.
    entries = {"zorblat": "zorblat <n>\nkatauji\na word made up for this test\n"}
    settings, _ = sample_store
    kb = Assistant(settings=replace(settings, dictionary=write_dictd(tmp_path, entries)))
    question = kb.read("What did the zorblat say?")
    assert kb.retriever.lexical_query(question) == "What did the zorblat say? katauji"
    assert dict(question.glosses)["zorblat"] == {"katauji"}
