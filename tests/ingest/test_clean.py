"""Cleaning scraped news: the sample article, a synthetic English page, and datelines."""

from __future__ import annotations

import re

import pytest

from conftest import DATA, SAMPLE
from ingest.clean import clean_article

SAMPLE_TITLE = "Putin Akan Temui Kim Jong Un, AS Khawatir Korut-Rusia Makin Akrab"
SAMPLE_SUBTITLE = "Putin diperkirakan kunjungi Korut beberapa hari mendatang"
JUNK = ["Baca Juga", "pexels.com", "unsplash.com", "Verified Writer", "IDN Times Community adalah",
        "Topik:", "Berita Terkini Lainnya", "Self-proclaimed", "Vanny El Rahman"]
HEADINGS = ["1. AS-Korsel siap respons provokasi Korut di kawasan",
            "2. Rusia tegaskan haknya jalin hubungan erat dengan Korut",
            "3. Kunjungan Putin dikhawatirkan perluas kerja sama militer Rusia-Korut"]


@pytest.fixture(scope="module")
def sample():
    return clean_article(SAMPLE.read_text(encoding="utf-8"))


def paragraphs(text: str) -> list[str]:
    return text.split("\n\n")


def test_sample_title(sample):
    assert sample.title == SAMPLE_TITLE


@pytest.mark.parametrize("junk", JUNK)
def test_sample_junk_removed(sample, junk):
    assert junk.lower() not in sample.text.lower()
    assert junk.lower() not in sample.title.lower()


def test_sample_captions_glued_to_title_removed(sample):
    # The captions are "<title><caption> (site/credit)"; neither the caption nor the credit stays.
    assert "Akrabbendera" not in sample.text
    assert "bendera Rusia (" not in sample.text
    assert "Micha Brandli" not in sample.text
    assert "Angga Kurnia Saputra" not in sample.text
    # The title is not repeated inside the body.
    assert SAMPLE_TITLE not in sample.text


def test_sample_starts_with_subtitle_then_dateline_paragraph(sample):
    paras = paragraphs(sample.text)
    assert paras[0] == SAMPLE_SUBTITLE
    assert paras[1].startswith("Jakarta, IDN Times - Amerika Serikat (AS) dan Korea Selatan")
    # The dateline is attached to its paragraph, which keeps its second sentence too.
    assert paras[1].endswith("Putin akan mengunjungi Pyongyang dalam beberapa hari mendatang.")


def test_sample_keeps_article_body(sample):
    # The last real paragraph survives the end-of-page rules, and so do quotes.
    assert sample.text.endswith("antara Pyongyang dan Moskow yang melanggar resolusi PBB.")
    assert '"Kami berhak membina hubungan baik dengan tetangga kami' in sample.text
    assert "Kurt Campbell, mengatakan kepada mitranya dari Korsel, Kim Hong-kyun" in sample.text
    # Normalised: no no-break spaces, no runs of blank lines, no stray whitespace at the ends.
    assert "\u00a0" not in sample.text
    assert "\n\n\n" not in sample.text
    assert all(p == p.strip() and p for p in paragraphs(sample.text))


def test_sample_sections(sample):
    assert [name for _, name in sample.sections] == HEADINGS
    for offset, name in sample.sections:
        # Offsets point at the heading's paragraph in the cleaned text.
        assert sample.text[offset:offset + len(name)] == name
        assert offset == 0 or sample.text[offset - 2:offset] == "\n\n"
    offsets = [o for o, _ in sample.sections]
    assert offsets == sorted(offsets)


def test_sample_removed_list_names_the_junk(sample):
    removed = "\n".join(sample.removed)
    for junk in ("Baca Juga", "pexels.com", "unsplash.com", "Verified Writer", "Topik:"):
        assert junk in removed


# --- a synthetic English page: the rules are about shapes, not about one site ---------------

@pytest.fixture(scope="module")
def english():
    return clean_article((DATA / "english-news.txt").read_text(encoding="utf-8"))


def test_english_title_and_lead(english):
    assert english.title == "Harbour City Opens Floating Solar Farm on Reservoir"
    paras = paragraphs(english.text)
    assert paras[0] == "The project will power about 12,000 homes, officials say"
    assert paras[1].startswith("PORTVALE, Coastline Daily - The city of Portvale on Tuesday")


@pytest.mark.parametrize("junk", ["Read more", "Portvale council approves new bus lanes",
                                  "Reuters/John Doe", "Workers check panels", "Editor:",
                                  "Maria Santos", "Related:", "Wind farm plan", "Tags:",
                                  "Jordan Blake", "Staff reporter", "Copyright",
                                  "All rights reserved"])
def test_english_junk_removed(english, junk):
    assert junk not in english.text


def test_english_body_kept(english):
    assert '"We lose less water and we make power at the same time," project manager Luis ' \
           'Okafor told reporters.' in english.text
    assert english.text.endswith("an independent survey would be published by the end of the year.")
    assert [name for _, name in english.sections] == ["Concerns from anglers"]
    offset = english.sections[0][0]
    assert "Concerns from anglers" in english.text[offset:offset + 40]


def test_byline_at_end_removed_without_footer():
    raw = ("Storm Closes Schools Across the Valley\n\n"
           "All schools in the valley will stay closed on Friday after the storm.\n\n"
           "The weather office expects more rain over the weekend.\n\n"
           "By Sam Carter\n\nSenior correspondent\n")
    cleaned = clean_article(raw)
    assert cleaned.title == "Storm Closes Schools Across the Valley"
    assert cleaned.text == ("All schools in the valley will stay closed on Friday after the storm."
                            "\n\nThe weather office expects more rain over the weekend.")


# --- datelines -----------------------------------------------------------------------------

BEKASI_BODY = ("Hujan deras sejak Senin malam membuat ratusan rumah di Bekasi terendam banjir "
               "setinggi 1 meter.")


@pytest.mark.parametrize("separator", ["\n\n", "\n"])
def test_dateline_on_its_own_line_joins_next_paragraph(separator):
    raw = ("Banjir Rendam Ratusan Rumah di Bekasi\n\n"
           f"JAKARTA, KOMPAS.com -{separator}{BEKASI_BODY}\n\n"
           "Warga mengungsi ke masjid terdekat. Petugas BPBD membagikan makanan dan selimut.\n")
    cleaned = clean_article(raw)
    assert cleaned.title == "Banjir Rendam Ratusan Rumah di Bekasi"
    paras = paragraphs(cleaned.text)
    assert paras[0] == f"JAKARTA, KOMPAS.com - {BEKASI_BODY}"
    assert len(paras) == 2


def test_english_dateline_with_dash_variant_joins_next_paragraph():
    raw = ("Port Strike Ends\n\nLONDON, Wire Service —\n\n"
           "Dock workers returned to work on Monday after a week-long strike.\n")
    cleaned = clean_article(raw)
    assert cleaned.text == ("LONDON, Wire Service — Dock workers returned to work on Monday after "
                            "a week-long strike.")


def test_given_title_is_kept_and_removed_from_body():
    raw = ("Gempa Guncang Cianjur\n\n"
           "Gempa berkekuatan 5,6 magnitudo mengguncang Cianjur pada Senin siang.\n\n"
           "Gempa Guncang Cianjurwarga di depan rumah yang rusak (ANTARA FOTO/Raisan Al Farisi)\n\n"
           "Baca juga: Gempa Susulan Terjadi Malam Hari\n\n"
           "Ratusan rumah rusak dan warga mengungsi ke tenda darurat.\n")
    cleaned = clean_article(raw, title="Gempa Guncang Cianjur")
    assert cleaned.title == "Gempa Guncang Cianjur"
    assert cleaned.text == ("Gempa berkekuatan 5,6 magnitudo mengguncang Cianjur pada Senin siang."
                            "\n\nRatusan rumah rusak dan warga mengungsi ke tenda darurat.")


def test_normalisation():
    raw = "Judul Berita\r\n\r\nKalimat\u00a0pertama\u200b di sini.\r\nMasih paragraf sama.\n"
    cleaned = clean_article(raw)
    assert cleaned.title == "Judul Berita"
    assert cleaned.text == "Kalimat pertama di sini. Masih paragraf sama."
    assert not re.search(r"[\r\u00a0\u200b]", cleaned.text)
