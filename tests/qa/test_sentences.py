"""Sentence splitting: Indonesian and English abbreviations, numbers, quotes, paragraphs."""

from __future__ import annotations

import pytest

from qa.sentences import split_sentences


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


@pytest.mark.parametrize("text, expected", [
    ("Produksi beras naik menjadi 4,5 juta ton tahun ini. Harga gabah ikut turun.",
     ["Produksi beras naik menjadi 4,5 juta ton tahun ini.", "Harga gabah ikut turun."]),
    ("Pemerintah menyiapkan Rp 1.200 miliar untuk irigasi. Dana cair bulan depan.",
     ["Pemerintah menyiapkan Rp 1.200 miliar untuk irigasi.", "Dana cair bulan depan."]),
    ("Acara dibuka oleh Prof. Dr. H. Budi Santoso, M.Si. di aula kampus. Hadirin bertepuk tangan.",
     ["Acara dibuka oleh Prof. Dr. H. Budi Santoso, M.Si. di aula kampus.",
      "Hadirin bertepuk tangan."]),
    ("He served in the U.S. Army for ten years. Then he moved to Ohio.",
     ["He served in the U.S. Army for ten years.", "Then he moved to Ohio."]),
    ("Kantornya berada di Jl. Sudirman No. 5, Jakarta Pusat. Gedung itu baru direnovasi.",
     ["Kantornya berada di Jl. Sudirman No. 5, Jakarta Pusat.", "Gedung itu baru direnovasi."]),
    ("Rapat dimulai pukul 10.30 WIB. Semua menteri hadir.",
     ["Rapat dimulai pukul 10.30 WIB.", "Semua menteri hadir."]),
    ("Mr. Smith met Gen. Lee at 3 p.m. on Monday. They spoke for an hour.",
     ["Mr. Smith met Gen. Lee at 3 p.m. on Monday.", "They spoke for an hour."]),
    ("Saham PT. Telkom Indonesia Tbk. naik 2,5 persen. Investor asing membeli.",
     ["Saham PT. Telkom Indonesia Tbk. naik 2,5 persen.", "Investor asing membeli."]),
])
def test_abbreviations_and_numbers_stay_inside_sentences(text, expected):
    assert sentences(text) == expected


def test_sentence_punctuation_and_quotes():
    text = '"Kami siap," kata dia. Apa benar? Ya! "Kami akan datang." Lalu dia pergi... Selesai.'
    assert sentences(text) == ['"Kami siap," kata dia.', "Apa benar?", "Ya!",
                               '"Kami akan datang."', "Lalu dia pergi...", "Selesai."]


def test_lowercase_after_full_stop_does_not_split():
    # e.g. an unknown abbreviation followed by a lower-case word continues the sentence.
    assert sentences("Nilainya naik 3 kali lipat dsb. menurut data. Akhir.") == [
        "Nilainya naik 3 kali lipat dsb. menurut data.", "Akhir."]


def test_paragraph_breaks_end_sentences_and_spans_are_exact():
    text = "Judul tanpa titik\n\nKalimat satu. Kalimat dua\nBaris baru."
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == ["Judul tanpa titik", "Kalimat satu.", "Kalimat dua",
                                             "Baris baru."]
    assert all(text[s:e] == text[s:e].strip() for s, e in spans)
