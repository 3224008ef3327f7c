"""Indonesian: the articles' own language, and the one the answerer's base weights are fitted on."""

from qa.languages.pack import AnswerKind, LanguagePack

PACK = LanguagePack(
    code="id",
    name="Indonesian",
    # Function words: they match everywhere and rank nothing.
    stopwords="""
        yang dan di ke dari ini itu untuk dengan pada adalah dalam tidak akan juga oleh atau karena
        sebagai ada telah sudah bahwa para saat ia kita kami mereka dia saya anda apa siapa mana
        kapan berapa bagaimana mengapa kenapa manakah apakah siapakah berapakah dimanakah kapankah
        bagaimanakah mengapakah yg tersebut bisa dapat harus lebih masih hanya namun tetapi jika
        kalau maka agar supaya hingga sampai antara setelah sebelum secara akan nya pun lah kah
    """,
    # Words whose presence says "this question is Indonesian" (qa/languages/detect.py).
    markers="""
        yang apa siapa mana kapan berapa bagaimana mengapa kenapa di ke dari dan untuk dengan pada
        adalah dalam oleh apakah siapakah berapakah manakah tersebut ini itu
    """,
    question_words="""
        apa siapa kapan berapa bagaimana mengapa kenapa mana dimana kemana darimana apakah siapakah
        kapankah berapakah bagaimanakah mengapakah manakah dimanakah kemanakah darimanakah
    """,
    # Capitalised at a question's start, yet not a name ("Siapa ...", "Menurut ...").
    not_names="""
        Apa Apakah Siapa Siapakah Kapan Kapankah Di Dimana Mana Berapa Bagaimana Mengapa Kenapa Dan
        Lalu Kalau Yang Itu Ini Pada Dalam Menurut Namun Sementara
    """,
    # Who did what to whom (qa/answer/roles.py): the recipient comes after these.
    recipient_markers="""
        kepada pada terhadap memperingatkan mengingatkan memberitahu membalas menjawab
    """,
    recipient_word="kepada",
    # "katakan", "sampaikan": the bare forms of "Apa yang dia katakan?"
    speech_verbs="""
        mengatakan menyatakan berkata menjawab membalas memperingatkan mengingatkan menanggapi
        menyampaikan menegaskan menjelaskan mengungkapkan menuturkan menyebut memberitahu bilang
        berbicara katakan sampaikan
    """,
    # "Apa yang dikatakan Campbell kepada Kim?", "Apa kata Peskov?", "Apa jawaban Hendra?"
    # Not "balasan": "sebagai balasan atas" (in return for) names no speaker.
    speaker_after="""
        kata dikatakan disampaikan dinyatakan diungkapkan dijawab dibalas diperingatkan
        diingatkan ditanggapi jawaban tanggapan peringatan pernyataan ucapan
    """,
    attributions="kata ujar ungkap tutur jelas tegas imbuh tambah tulis ucap sebut",
    speech_content="bahwa agar supaya tentang mengenai soal terkait",
    reply_words="balik membalas menjawab jawab",
    # A follow-up leans on the conversation through these (qa/answer/followup.py).
    anaphora="itu tersebut ini dia ia mereka beliau sana situ begitu demikian",
    # and "-nya" on a word of saying ("katanya", "ujarnya"): roles.speech_pronoun
    person_subjects="dia ia beliau",
    person_objects="kepadanya padanya",
    person_passive="",  # "disampaikan kepadanya": the object word says it
    followup_openers=("dan", "lalu", "terus", "kemudian", "kalau", "bagaimana dengan",
                      "selain itu", "juga"),
    refers_back="itu tersebut",
    # "Apa lagi katanya?", "Siapa lagi yang ...", "Apa lainnya?" ("lagi" alone is also "again":
    # "Kapan dibuka lagi?" asks no more).
    asks_more=r"\b(?:apa|siapa|mana)\s+(?:lagi|lainnya)\b|\blainnya\s*\?|\bselain itu\b",
    # Answer spans (qa/answer/spans.py).
    months=("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
            "September", "Oktober", "November", "Desember"),
    month_abbreviations=("Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Agu", "Sep", "Sept",
                         "Okt", "Nov", "Des"),
    weekdays=("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"),
    number_words="""satu dua tiga empat lima enam tujuh delapan sembilan sepuluh sebelas
        seratus seribu sejuta belasan puluhan ratusan ribuan jutaan""",
    units=("juta", "miliar", "milyar", "triliun", "ribu", "ratus", "puluh", "persen", "%", "ton",
           "kg", "kilogram", "gram", "km", "kilometer", "meter", "m", "hektare", "hektar", "ha",
           "orang", "jiwa", "unit", "buah", "ekor", "kali", "tahun", "bulan", "hari", "jam",
           "menit", "dollar", "dolar", "AS", "US", "rupiah", "barrel", "barel", "liter",
           "megawatt", "MW", "kursi", "suara"),
    time_units="detik menit jam hari pekan minggu bulan tahun abad dekade",
    # Read with "-nya" taken off ("akibatnya", "penyebabnya").
    cause_words="""karena akibat diakibatkan disebabkan sebab lantaran gara-gara dipicu
        menyebabkan penyebab imbas alasan sehingga dampak""",
    # (with "-nya" too: "akibatnya"; not "hingga", mostly "until")
    cause_nouns="penyebab alasan sebab",
    effect_words="akibat sehingga menyebabkan mengakibatkan berdampak dampak imbas membuat",
    # Words that often stand right before an answer ("adalah X", "disebut X", "sejak 1998").
    cue_words="""adalah yaitu yakni ialah merupakan sebagai disebut bernama berjudul oleh di
        ke dari pada tanggal sekitar sebanyak mencapai sebesar sejak tahun kepada dengan menjadi
        dan""",
    not_heads="nama kah jenis saja",
    # What each kind of question asks with, in Indonesian. These are read for a question in
    # any language: an Indonesian question word decides even inside an English sentence.
    kind_patterns={
        AnswerKind.DATE: r"\b(kapan|kapankah|(?:tahun|tanggal|bulan) berapa(?:kah)?|sejak kapan)\b",
        AnswerKind.DURATION: r"\b(berapa lama|berapa lamakah)\b",
        AnswerKind.NUMBER: r"\b(berapa|berapakah|jumlah)\b",
        AnswerKind.PLACE: r"\b(di mana|dimana|dimanakah|di manakah|kemana|ke mana|dari mana|"
                          r"di kota|di negara|di provinsi|kota apa|negara apa|provinsi apa|"
                          r"kota mana|negara mana)\b",
        AnswerKind.PERSON: r"\b(siapa|siapakah)\b",
        AnswerKind.REASON: r"\b(mengapa|kenapa|apa (?:sebab|penyebab|alasan)(?:nya)?|"
                           r"(?:penyebab|alasan)(?:nya)?\s+(?:apa|mengapa|kenapa)|karena apa)\b",
        AnswerKind.CONSEQUENCE: r"\b(apa (?:akibat|dampak|efek|konsekuensi|imbas)(?:nya)?|"
                                r"(?:akibat|dampak|efek|konsekuensi|imbas)(?:nya)?\s+apa|"
                                r"berdampak apa|apa yang (?:akan )?terjadi (?:jika|kalau|bila|"
                                r"apabila|seandainya))\b",
        AnswerKind.ENTITY: r"\b(apa nama|apakah nama|nama apa|manakah|yang mana|organisasi apa|"
                           r"perusahaan apa|lembaga apa|partai apa|kelompok apa)\b|"
                           # "<noun> apakah/apa" asks for a named thing: "Kelompok apakah ..."
                           # (not after a word that only joins: "Lalu apa akibatnya?")
                           r"\b(?!(?:lalu|lantas|terus|jadi|dan|kalau|kemudian|nah)\b)"
                           r"\w+\s+apa(?:kah)?\b|"
                           r"^\s*apa(?:kah)?\s+(?:nama|judul|istilah|sebutan|julukan)\b",
    },
    abbreviations="""
        dr drs dra prof ir h hj kh st sh se mm mba msi mpd mkom spd skom amd bpk bp ibu sdr sdri
        jl jln no nomor tbk pt cv kab kec kel kota prov rt rw tgl dll dsb dst dkk tsb yth an ybs
        agu agt ags okt des m.si s.h s.e s.pd s.kom a.s
    """,
    abstain_text=("Artikel yang ada tampaknya tidak menjawab pertanyaan ini. "
                  "Bagian terdekat tercantum di bawah."),
    # Calibrated by benchmarks/answers.py: 95% of the dev questions whose article is in the
    # store are answered.
    abstain_below=0.8859,
    labels={"no_answer": "Tidak ada jawaban di artikel.", "nearest": "Bagian terdekat:",
            "source": "Sumber:", "sources": "Sumber:", "low": "Keyakinan rendah: periksa "
            "sumbernya di bawah.", "chunk": "bagian", "searching": "Mencari di artikel…"},
    llm_name="the question's language (Indonesian)",
)
