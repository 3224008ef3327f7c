#!/usr/bin/env python3
"""Writes articles.jsonl and questions.jsonl of the hand-written "natural" dev/test set.

Everything here was written by hand: the ten fictional articles (CC0) and every question.
Gold sentences are given as fragments; each fragment is resolved to the one sentence (of the
list typed below for that article) that contains it, so the gold is always a whole sentence
copied verbatim. Run `python3 build.py && python3 check.py` from this directory.
"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))

# ---------------------------------------------------------------------------------------------
# Articles written for this set (fictional, CC0). Each: doc_id, title, paragraphs of sentences.
# ---------------------------------------------------------------------------------------------
OWN = {
    "cabai": ("natural-harga-cabai-yogyakarta",
        "Harga Cabai Rawit di Yogyakarta Tembus Rp 92.000 per Kilogram", [
        ["Yogyakarta - Harga cabai rawit merah di sejumlah pasar tradisional di Yogyakarta melonjak tajam dalam sepekan terakhir.",
         "Di Pasar Beringharjo, Senin (15/1/2024), cabai rawit merah dijual Rp 92.000 per kilogram, naik dari Rp 45.000 per kilogram pada awal Januari."],
        ["Kepala Dinas Perindustrian dan Perdagangan DIY, Retno Wulandari, mengatakan kenaikan itu dipicu gagal panen di sentra cabai di Magelang dan Temanggung akibat hujan deras yang turun hampir setiap hari sejak akhir Desember.",
         '"Tanaman cabai banyak yang busuk di lahan, sehingga pasokan ke Yogyakarta turun hampir separuh," kata Retno.'],
        ["Kenaikan harga itu dikeluhkan pedagang.",
         "Sumarni (54), pedagang cabai di Pasar Beringharjo, mengatakan pembeli kini hanya membeli seperempat kilogram, padahal biasanya satu kilogram.",
         '"Dagangan saya cepat layu karena tidak laku, jadi saya rugi dua kali," ujarnya.'],
        ["Ketua Paguyuban Pedagang Pasar Beringharjo, Hadi Santoso, meminta Dinas Perindustrian dan Perdagangan segera menggelar operasi pasar agar pembeli kembali datang.",
         "Menanggapi permintaan itu, Retno mengatakan operasi pasar akan digelar di lima pasar mulai Kamis (18/1/2024) dengan harga Rp 60.000 per kilogram.",
         "Cabai untuk operasi pasar dipasok petani di Kulon Progo, yang bersedia menjual dengan harga tetap sebagai imbalan atas jaminan bahwa pemerintah daerah membeli seluruh hasil panen mereka."],
        ["Sejumlah pemilik warung makan mengaku terpaksa mengurangi porsi sambal yang disajikan kepada pelanggan.",
         "Retno memperkirakan harga baru akan kembali normal pada akhir Februari, setelah panen raya di dataran tinggi Dieng."],
    ]),
    "rob": ("natural-rob-semarang",
        "Banjir Rob Rendam Semarang Utara, 1.200 Rumah Tergenang", [
        ["Semarang - Banjir rob kembali merendam sejumlah kelurahan di Kecamatan Semarang Utara, Kota Semarang, Jawa Tengah, Rabu (22/5/2024) sore.",
         "Air laut setinggi 40 hingga 70 sentimeter masuk ke permukiman di Kelurahan Tanjung Mas, Bandarharjo, dan Kuningan sejak pukul 15.30 WIB.",
         "Menurut Badan Penanggulangan Bencana Daerah (BPBD) Kota Semarang, sedikitnya 1.200 rumah tergenang dan 3.400 warga terdampak."],
        ["Kepala Stasiun Meteorologi Maritim Tanjung Emas, Arief Nugroho, mengatakan rob dipicu pasang maksimum air laut yang bersamaan dengan fase bulan purnama.",
         '"Pasang tertinggi diperkirakan masih terjadi hingga Sabtu, jadi warga di pesisir kami minta tetap waspada, terutama pada sore hari," kata Arief.',
         "Selain pasang, rob makin parah karena penurunan muka tanah di pesisir Semarang yang mencapai 8 hingga 10 sentimeter per tahun."],
        ["Genangan juga memutus akses menuju Pelabuhan Tanjung Emas, sehingga puluhan truk kontainer tertahan di Jalan Ronggowarsito selama lebih dari tiga jam."],
        ["Warga Tanjung Mas, Slamet Riyadi (47), mengaku sudah dua kali meninggikan lantai rumahnya dalam lima tahun terakhir.",
         '"Setiap kali lantai ditinggikan, air tetap masuk.',
         'Kami minta tanggul laut segera diselesaikan," ujarnya kepada Wali Kota Semarang, Hendra Prasetya, yang meninjau lokasi.',
         "Hendra menjawab bahwa pembangunan tanggul laut sepanjang 3,6 kilometer ditargetkan rampung pada Desember 2025."],
        ["Sementara itu, Pemkot mengerahkan 12 pompa bergerak untuk menyedot genangan di titik terparah.",
         "Bahan bakar pompa disumbang pengelola kawasan industri di sekitar pelabuhan, sebagai imbalan atas prioritas penyedotan di jalan akses kawasan tersebut."],
    ]),
    "pabrik": ("natural-kebakaran-pabrik-cikarang",
        "Pabrik Plastik di Cikarang Terbakar, Tiga Pekerja Luka-luka", [
        ["Bekasi - Sebuah pabrik pengolahan plastik milik PT Sinar Polimer Jaya di kawasan industri Cikarang, Kabupaten Bekasi, Jawa Barat, terbakar pada Selasa (5/3/2024) dini hari.",
         "Api pertama kali terlihat dari gudang bahan baku sekitar pukul 02.15 WIB, saat sebagian besar pekerja sif malam sedang beristirahat."],
        ["Dinas Pemadam Kebakaran Kabupaten Bekasi mengerahkan 14 unit mobil pemadam, dan api baru dapat dipadamkan sekitar pukul 08.00 WIB.",
         "Tiga pekerja mengalami luka bakar ringan dan dibawa ke RSUD Cibitung.",
         '"Api cepat membesar karena di dalam gudang tersimpan biji plastik dan drum pelarut yang mudah terbakar," kata Kepala Bidang Operasi Damkar Kabupaten Bekasi, Budi Hartono.'],
        ["Kapolsek Cikarang Barat, Kompol Yudi Saputra, mengatakan dugaan sementara kebakaran dipicu korsleting listrik pada panel di gudang.",
         "Polisi telah memasang garis polisi dan memeriksa enam saksi, termasuk petugas keamanan yang pertama kali melihat api."],
        ["Manajer Personalia PT Sinar Polimer Jaya, Dewi Anggraini, menyebut kerugian ditaksir mencapai Rp 12 miliar.",
         "Akibat kebakaran itu, sekitar 300 pekerja dirumahkan sementara hingga gudang selesai diperbaiki."],
        ["Ketua serikat pekerja pabrik, Andi Firmansyah, mendesak perusahaan tetap membayar upah penuh selama pekerja dirumahkan.",
         '"Kami tidak mau buruh yang menanggung akibat kebakaran ini," kata Andi.',
         "Menjawab desakan itu, Dewi mengatakan perusahaan akan membayar 75 persen upah selama masa perbaikan dan menanggung seluruh biaya pengobatan tiga pekerja yang terluka."],
    ]),
    "vonis": ("natural-vonis-korupsi-jembatan-maros",
        "Mantan Kadis PU Divonis Enam Tahun Penjara dalam Kasus Korupsi Jembatan", [
        ["Makassar - Majelis hakim Pengadilan Tindak Pidana Korupsi (Tipikor) Makassar menjatuhkan vonis enam tahun penjara kepada mantan Kepala Dinas Pekerjaan Umum Kabupaten Maros, Syamsul Bahri, Kamis (8/8/2024).",
         "Syamsul juga dihukum membayar denda Rp 500 juta subsider enam bulan kurungan."],
        ["Ia dinyatakan terbukti mengurangi volume pekerjaan proyek Jembatan Sungai Marusu senilai Rp 28 miliar, sehingga negara dirugikan Rp 4,3 miliar.",
         "Vonis itu lebih ringan daripada tuntutan jaksa yang meminta Syamsul dihukum delapan tahun penjara."],
        ["Ketua majelis hakim, Ratna Dewi Lestari, mengatakan hal yang memberatkan adalah perbuatan terdakwa membahayakan keselamatan warga yang melintasi jembatan.",
         '"Jembatan itu sudah retak kurang dari dua tahun setelah diresmikan," kata Ratna saat membacakan putusan.',
         "Adapun hal yang meringankan, terdakwa bersikap sopan selama persidangan dan telah mengembalikan Rp 1,1 miliar ke kas daerah."],
        ["Seusai sidang, kuasa hukum Syamsul, Fadli Rahman, mengatakan kepada wartawan bahwa kliennya akan mengajukan banding.",
         '"Klien kami hanya menjalankan perintah atasan, dan itu tidak dipertimbangkan oleh majelis," ujar Fadli.',
         "Jaksa penuntut umum, Irwan Saleh, menanggapi bahwa pihaknya masih pikir-pikir selama tujuh hari sebelum memutuskan sikap atas putusan tersebut."],
        ["Dalam perkara yang sama, kontraktor pelaksana proyek, Hendra Wijaya, bersedia menjadi justice collaborator dan membeberkan aliran dana proyek sebagai imbalan atas tuntutan yang lebih ringan.",
         "Hendra dijadwalkan mendengar putusan hakim pekan depan."],
    ]),
    "transfer": ("natural-transfer-yohanes-lado",
        "Bintang Timur FC Resmi Datangkan Yohanes Lado dari Garuda Muda Sidoarjo", [
        ["Kupang - Klub Liga 1 Bintang Timur FC resmi mendatangkan penyerang Yohanes Lado dari Garuda Muda Sidoarjo, Senin (1/7/2024).",
         "Pemain berusia 23 tahun itu dikontrak selama tiga musim."],
        ["Manajemen tidak menyebutkan nilai transfer, tetapi sumber di klub menyebut angkanya sekitar Rp 4,5 miliar.",
         "Sebagai imbalan atas pelepasan Yohanes, Garuda Muda juga menerima gelandang Bintang Timur, Rizky Mahendra, dengan status pinjaman selama satu musim."],
        ["Yohanes, yang lahir di Atambua, Nusa Tenggara Timur, mencetak 14 gol untuk Garuda Muda musim lalu dan menjadi pencetak gol terbanyak kedua di liga."],
        ["Pelatih Bintang Timur, Marcos Oliveira, mengatakan Yohanes adalah pemain yang paling ia incar sejak awal musim.",
         '"Dia cepat, kuat dalam duel udara, dan mengerti cara bermain di bawah tekanan," kata Oliveira.',
         "Yohanes membalas pujian pelatihnya dengan mengatakan bahwa ia datang untuk membantu tim meraih gelar, bukan sekadar mencetak gol."],
        ["Ia juga mengaku memilih pulang ke NTT karena ingin lebih dekat dengan keluarganya.",
         '"Saya ingin orang tua saya bisa menonton saya bermain langsung di stadion," ujar Yohanes.'],
        ["Presiden Garuda Muda, Bambang Sutrisno, mengatakan klubnya berat melepas Yohanes, tetapi tawaran Bintang Timur terlalu baik untuk ditolak.",
         "Yohanes dijadwalkan menjalani debut saat Bintang Timur menjamu Laskar Borneo FC pada pekan pertama Liga 1, 10 Agustus mendatang."],
    ]),
    "kelud": ("natural-status-siaga-kelud",
        "Status Gunung Kelud Naik Menjadi Siaga, 2.400 Warga Mengungsi", [
        ["Kediri - Pusat Vulkanologi dan Mitigasi Bencana Geologi (PVMBG) menaikkan status Gunung Kelud di perbatasan Kabupaten Kediri dan Blitar, Jawa Timur, dari Waspada (Level II) menjadi Siaga (Level III), Minggu (13/10/2024) pukul 18.00 WIB.",
         "Kenaikan status itu dilakukan setelah jumlah gempa vulkanik dalam melonjak menjadi 312 kali dalam 24 jam, dari rata-rata 20 kali per hari pada pekan sebelumnya."],
        ['"Peningkatan gempa vulkanik dalam menunjukkan ada pergerakan magma menuju permukaan," kata Kepala PVMBG, Wahyu Santoso, dalam konferensi pers di Bandung.',
         "Ia meminta warga tidak beraktivitas dalam radius 5 kilometer dari kawah.",
         "Suhu air danau kawah juga tercatat naik dari 32 menjadi 41 derajat Celsius."],
        ["Pemerintah Kabupaten Kediri mengungsikan sekitar 2.400 warga dari Desa Sugihwaras dan Desa Sempu, Kecamatan Ngancar, ke balai desa dan gedung sekolah.",
         "Bupati Kediri, Agus Setiawan, mengatakan pengungsian dilakukan malam itu juga karena sebagian besar rumah warga berada di jalur aliran lahar."],
        ["Sebagian warga sempat menolak mengungsi karena khawatir ternak mereka tidak terurus.",
         '"Sapi saya ada empat, siapa yang kasih makan kalau saya di pengungsian," kata Suyatno (61), warga Sugihwaras, kepada Bupati yang mendatangi desanya.',
         "Menanggapi keluhan itu, Agus mengatakan pemkab menyiapkan kandang sementara di lapangan Kecamatan Ngancar agar ternak warga bisa ikut dievakuasi."],
        ["Letusan terakhir Gunung Kelud terjadi pada Februari 2014, dan abunya ketika itu mencapai Yogyakarta."],
    ]),
    "ojol": ("natural-mogok-ojol-medan",
        "Ribuan Pengemudi Ojek Daring di Medan Mogok, Tuntut Potongan Komisi Diturunkan", [
        ["Medan - Sekitar 3.000 pengemudi ojek daring di Medan, Sumatera Utara, menggelar aksi mogok dan unjuk rasa di depan Gedung DPRD Sumatera Utara, Rabu (4/9/2024).",
         "Mereka menuntut perusahaan aplikasi menurunkan potongan komisi dari 20 persen menjadi 10 persen dari setiap tarif."],
        ['"Dengan potongan 20 persen, kerja dua belas jam sehari kami hanya membawa pulang Rp 80.000," kata koordinator aksi, Rudi Sitompul.',
         "Menurut Rudi, harga bensin dan cicilan sepeda motor terus naik, sementara tarif tidak berubah sejak 2022."],
        ["Akibat aksi mogok itu, banyak penumpang di pusat kota kesulitan mendapatkan kendaraan sejak pagi, dan sejumlah restoran melaporkan pesanan antar makanan turun drastis."],
        ["Perwakilan perusahaan aplikasi RodaKita, Maya Kartika, mengatakan kepada para pengemudi bahwa potongan komisi dipakai untuk membiayai asuransi pengemudi dan promosi yang menambah jumlah pesanan.",
         "Rudi membalas bahwa pengemudi tidak pernah menerima rincian penggunaan potongan itu."],
        ["Ketua Komisi E DPRD Sumut, Benny Simanjuntak, menemui massa dan berjanji memanggil perusahaan aplikasi dalam rapat dengar pendapat pada Senin pekan depan.",
         "Para pengemudi akhirnya sepakat menghentikan mogok pada sore hari, sebagai imbalan atas janji DPRD untuk melibatkan perwakilan mereka dalam rapat tersebut.",
         "Rudi mengingatkan Benny bahwa pengemudi akan kembali turun ke jalan dengan massa yang lebih besar jika rapat itu tidak menghasilkan keputusan."],
    ]),
    "air": ("natural-giliran-air-balikpapan",
        "Debit Waduk Manggar Turun, PDAM Balikpapan Berlakukan Giliran Air", [
        ["Balikpapan - Perusahaan Daerah Air Minum (PDAM) Tirta Teluk Balikpapan mulai memberlakukan penggiliran distribusi air bersih, Senin (9/9/2024).",
         "Kebijakan itu diambil karena permukaan air Waduk Manggar, sumber utama air baku kota, turun hingga 1,8 meter di bawah batas normal setelah hampir tiga bulan tidak turun hujan."],
        ["Direktur Utama PDAM Tirta Teluk, Rahmat Hidayat, mengatakan sekitar 60.000 pelanggan di Balikpapan Timur dan Balikpapan Utara hanya akan menerima aliran air dua hari sekali.",
         '"Kalau tidak digilir sekarang, cadangan air baku diperkirakan habis dalam tiga minggu," ujar Rahmat.'],
        ["Warga mengeluhkan jadwal giliran yang diumumkan mendadak.",
         "Nurhayati (38), warga Kelurahan Manggar, mengatakan ia terpaksa membeli air tangki seharga Rp 150.000 per 1.200 liter."],
        ["Wali Kota Balikpapan, Darmawan Saleh, meminta warga menghemat air dan tidak mencuci kendaraan selama masa penggiliran.",
         '"Ini bukan kemauan kami, ini akibat kemarau panjang.',
         'Saya minta warga bersabar dan saling membantu," kata Darmawan.',
         "Ia juga memerintahkan PDAM mengirim truk tangki gratis ke permukiman yang tidak teraliri air lebih dari dua hari."],
        ["Menjawab pertanyaan wartawan, Rahmat mengatakan penggiliran baru akan dihentikan setelah permukaan waduk kembali naik, yang diperkirakan terjadi saat musim hujan pada November."],
    ]),
    "kapal": ("natural-kapal-tenggelam-selayar",
        "Kapal Motor Tenggelam di Perairan Selayar, Dua Penumpang Meninggal", [
        ["Selayar - Kapal Motor (KM) Sinar Harapan tenggelam di perairan Pulau Pasi, Kabupaten Kepulauan Selayar, Sulawesi Selatan, Sabtu (27/7/2024) sekitar pukul 10.40 Wita.",
         "Kapal kayu itu mengangkut 42 penumpang dan 5 awak dalam pelayaran dari Pelabuhan Benteng menuju Pulau Jampea."],
        ["Kepala Kantor Pencarian dan Pertolongan Makassar, Andi Sultan, mengatakan 40 orang berhasil diselamatkan, dua penumpang meninggal dunia, dan lima orang masih dalam pencarian.",
         "Menurut dia, kapal terbalik setelah dihantam gelombang setinggi tiga meter di tengah angin kencang.",
         '"Peringatan cuaca buruk sudah kami sampaikan sejak Jumat, tapi kapal tetap berangkat," kata Andi.'],
        ["Sebagian besar korban selamat dievakuasi oleh nelayan setempat yang kebetulan berada di sekitar lokasi, sebelum tim SAR tiba.",
         "Hasnah (35), penumpang asal Pulau Jampea yang selamat, mengatakan penumpang tidak sempat memakai pelampung saat kapal mulai miring.",
         '"Pelampungnya diikat di atap, tidak ada yang sempat mengambil," ujarnya.'],
        ["Polres Kepulauan Selayar menahan nakhoda kapal berinisial MR untuk dimintai keterangan soal dugaan kelebihan muatan.",
         "Kapal itu diketahui hanya memiliki izin mengangkut 30 penumpang."],
        ["Pencarian lima korban hilang dilanjutkan Minggu pagi dengan melibatkan dua kapal SAR dan sebuah helikopter."],
    ]),
    "dbd": ("natural-klb-dbd-kupang",
        "Kasus DBD di Kota Kupang Melonjak, Pemkot Tetapkan KLB", [
        ["Kupang - Pemerintah Kota Kupang, Nusa Tenggara Timur, menetapkan status kejadian luar biasa (KLB) demam berdarah dengue (DBD), Jumat (16/2/2024).",
         "Hingga pertengahan Februari, Dinas Kesehatan Kota Kupang mencatat 214 kasus DBD, empat di antaranya meninggal dunia, dan sebagian besar pasien adalah anak-anak.",
         "Jumlah itu hampir tiga kali lipat dibandingkan periode yang sama tahun lalu."],
        ["Kepala Dinas Kesehatan Kota Kupang, Maria Goreti Bessie, mengatakan lonjakan kasus disebabkan curah hujan tinggi yang membuat banyak genangan air menjadi tempat berkembang biak nyamuk Aedes aegypti.",
         '"Jangan hanya menunggu pengasapan.',
         'Yang paling penting warga menguras bak mandi, menutup tempat penampungan air, dan mengubur barang bekas," kata Maria.'],
        ["Status KLB memungkinkan pemkot menggunakan dana tak terduga untuk membeli insektisida dan menambah tempat tidur rumah sakit.",
         "Di RSUD Kota Kupang, sebagian pasien DBD terpaksa dirawat di lorong karena seluruh ruang perawatan anak sudah penuh."],
        ["Anggota DPRD Kota Kupang, Yosef Nalle, mengkritik pemkot yang dinilai terlambat menetapkan KLB.",
         '"Kasus sudah naik sejak Januari, tapi baru sekarang ada tindakan," ujar Yosef.',
         "Menanggapi kritik itu, Maria mengatakan penetapan KLB harus menunggu data epidemiologi lengkap sesuai aturan Kementerian Kesehatan."],
        ["Pemkot juga menggandeng 300 kader juru pemantau jentik (jumantik) yang menerima insentif Rp 500.000 per bulan sebagai imbalan atas pemeriksaan jentik dari rumah ke rumah.",
         "Pemkot menargetkan pengasapan di 51 kelurahan selesai dalam dua pekan."],
    ]),
}

# ---------------------------------------------------------------------------------------------
# Articles from ../shared/data, referenced by doc_id. Only the sentences used as gold are typed
# here, copied verbatim from the article text (check.py verifies them against the source).
# ---------------------------------------------------------------------------------------------
EXT = {
    "S": ("sample-idntimes", [
        "Jakarta, IDN Times - Amerika Serikat (AS) dan Korea Selatan (Korsel) telah memperingatkan Presiden Rusia Vladimir Putin agar tidak menjalin hubungan militer yang lebih erat dengan Korea Utara (Korut).",
        "Putin berencana bertemu dengan pemimpin Korut, Kim Jong-un, dalam kunjungan balasannya, setelah kunjungan Kim ke Rusia pada September lalu.",
        "Namun, pejabat di kantor kepresidenan Seoul mengatakan hal itu bisa terjadi dalam beberapa hari mendatang.",
        "Dalam lawatannya pada September, kedua pemimpin diyakini telah sepakat bahwa Pyongyang akan menerima bantuan Moskow dalam program luar angkasanya, sebagai imbalan atas penyediaan persenjataan kepada Rusia untuk perang di Ukraina, yang merupakan pelanggaran terhadap resolusi Dewan Keamanan PBB (DK PBB).",
        "Menurut laporan situs yang berbasis di Seoul, NK Pro, pesawat sipil telah disiapkan dari bandara Pyongyang dan terdapat tanda-tanda persiapan untuk kemungkinan parade di Lapangan Kim Il Sung di ibu kota, mengutip citra satelit komersial.",
        'Korut juga mungkin akan mengadakan acara khusus untuk merayakan hubungan Rusia-DPRK (Korut) di alun-alun tersebut," tulis koresponden senior NK Pro, Colin Zwirko, yang menyebut tindakan serupa pernah dilakukan sebelumnya.',
        "Wakil Menteri Luar Negeri AS, Kurt Campbell, mengatakan kepada mitranya dari Korsel, Kim Hong-kyun, bahwa hubungan militer yang lebih erat antara Pyongyang dan Moskow akan menyebabkan ketidakstabilan lebih lanjut di wilayah tersebut.",
        '"Sambil terus memantau perkembangan terkait, kedua belah pihak (AS-Korsel) sepakat untuk secara tegas merespons melalui kerja sama yang erat terhadap provokasi Korut terhadap Korsel dan tindakan yang meningkatkan ketegangan di kawasan," ungkap Kementerian Luar Negeri Korsel, dikutip dari The Guardian.',
        "Pada pekan ini, Rusia menyatakan haknya untuk mengembangkan hubungan yang sangat mendalam dengan Korut, di tengah kekhawatiran banyak pihak bahwa isolasi internasional terhadap Moskow dapat mendorong negara tersebut mentransfer teknologi rudal dan nuklirnya ke Pyongyang.",
        '"Kami berhak membina hubungan baik dengan tetangga kami dan hal ini tidak perlu menimbulkan kekhawatiran bagi siapa pun.',
        "Kami akan melakukan itu lebih jauh.",
        'Potensi perkembangan hubungan kami sangat besar," ujar juru bicara Kremlin, Dmitry Peskov, dilansir Channel News Asia.',
        "Dalam pesannya kepada Putin pekan ini, Kim mengatakan hubungan negaranya dengan Moskow telah berkembang menjadi hubungan kawan seperjuangan yang tidak dapat dipatahkan.",
        "Dilansir Reuters, para pejabat di Washington, Seoul, Kiev, serta pemantau sanksi PBB dan pakar independen menuding Rusia telah menggunakan rudal dan peluru artileri buatan Korut untuk menyerang sasaran di Ukraina.",
        "Menurut pemantau sanksi PBB, puing-puing dari rudal yang mendarat di Kharkiv pada 2 Januari lalu berasal dari rudal balistik seri Hwasong-11 milik Pyongyang yang diluncurkan dari wilayah Rusia.",
        "Para ahli percaya bahwa Korut dapat memanfaatkan kunjungan Putin untuk meningkatkan ekspor senjata ke Moskow, sebagai imbalan atas impor pangan dan energi.",
        "Wakil Menteri Luar Negeri Korsel, Kim Hong-kyun, mengatakan kepada Campbell bahwa kunjungan Putin seharusnya tidak menghasilkan lebih banyak kerja sama militer antara Pyongyang dan Moskow yang melanggar resolusi PBB.",
    ]),
    # --- FacQA (Kompas) ---
    "dean": ("facqa-90c7459ab368", [
        "Menurut Ketua Partai Demokrat, Howard Dean, Roosevelt dan Truman berhasil membawa kemenangan ketika PD II karena mereka menjabarkan rencana yang jelas kepada rakyat, sekutu, dan pasukan AS.",
        '"Tapi Bush tidak bisa membuat rencana yang jelas.',
        "Akibatnya, tidak ada perkembangan berarti di Irak.",
        'Pasukan, sekutu, dan rakyat kita jelas butuh pemimpin yang lebih baik," kata Dean.',
    ]),
    "chavez": ("facqa-cfb6ecfdca3b", [
        "Kecaman tak kalah pedas dilontarkan Presiden Venezuela Hugo Chavez, satu hari setelah Mugabe berpidato, juga di depan sidang Konferensi Tingkat Tinggi Perserikatan Bangsa-Bangsa (KTT PBB).",
        "Chavez, bahkan, berani menyebut AS sebagai negara teroris karena mengobarkan perang yang bersifat kriminal di Irak.",
        '"Tidak pernah ada senjata pemusnah massal (di Irak), tetapi Irak tetap dibom," katanya tegas.',
    ]),
    "tol": ("facqa-53d9b1fbf968", [
        "Komisi V DPR yang membidangi infrastruktur dan perumahan, yang semula keberatan dengan kenaikan tarif tol, akhirnya menerima kenaikan tersebut.",
        '"Kami akhirnya memaklumi kenaikan tarif tol itu karena berbagai syarat, seperti perbaikan pelayanan yang diajukan Dewan disetujui pemerintah dan disanggupi operator.',
        'Kami juga sepakat membentuk tim khusus yang nantinya bersama pemerintah mengawasi dan mengevaluasi pelayanan operator kepada konsumen," kata Ketua Komisi V DPR Sofhian Mile.',
    ]),
    "flu": ("facqa-72b472024de1", [
        "NM dirujuk ke RSPI Sulianti Saroso setelah dirawat di RS St Carolus Jakarta Pusat selama empat hari karena panas tinggi hingga 39degC, batuk, dan sesak napas.",
        '"Dia beriwayat kontak dengan unggas karena 300 meter dari rumahnya ada tempat pemotongan unggas," kata Kepala Bidang Informasi dan Sistem Pelaporan KLB Flu Burung RSPI dr Ilham Patu SpBS.',
    ]),
    "png": ("facqa-7ef33a8bb046", [
        "Kedatangan warga PNG itu mayoritas untuk membeli bahan - bahan kebutuhan pokok karena harga barang yang dijual warga Indonesia itu lebih murah dibanding di wilayah PNG.",
        '"Saya sering belanja ke sini karena harga barang cukup murah.',
        'Di tempat kami mahal," kata David, warga Vanimo, PNG.',
        "Tak heran, di pasar itu berlaku dua mata uang, yaitu rupiah dan kina.",
    ]),
    "kpu": ("facqa-2c736902a4e9", [
        "Ishak Harahap, Kepala Subdirektorat Pembinaan Anggaran II E Ditjen Anggaran dan Perimbangan Keuangan Departemen Keuangan, seusai penetapan penahanan kepada pers mengakui bersalah telah menerima dana dari KPU.",
        '"Uang itu uang lelah karena kami telah bekerja sampai pagi," katanya.',
    ]),
    "terigu": ("facqa-a0769a166710", [
        "Produsen tepung terigu akan menaikkan harga terigu sekitar dua persen sebagai dampak dari melemahnya nilai tukar rupiah yang mencapai Rp 10.300 per dollar AS.",
        '"Kami akan menaikkan harga tepung terigu pada hari Jumat (9/8, Red)", kata Direktur Eksekutif Asosiasi Produsen Tepung Terigu Indonesia (Aptindo) Ratna Sari Loppies di Jakarta, Kamis.',
    ]),
    "heli": ("facqa-f7883787d46f", [
        "Padang, Kompas - Helikopter MI-2 dengan call sign P-5004 milik Kepolisian Daerah Sumatera Barat jatuh di kawasan hutan Bukit Barisan, sekitar 6-7 kilometer dari tepi Jalan Raya Padang-Solok, Kamis (1/9).",
        "Enam orang, termasuk pilot, ditemukan tewas, sementara kopilot Ipda Asep Prihartono selamat.",
    ]),
    "asep": ("facqa-d6d54b857df9", [
        "Tim evakuasi membawa Asep Prihartono ke Rumah Sakit Dr M Djamil di pusat Kota Padang.",
        '"Ia beristirahat dan belum bisa memberikan keterangan.',
        'Menurut dr Joni, Asep cedera berat," kata keluarga korban, ketika ditemui di Kamar Ester 10.',
    ]),
    "pim": ("facqa-06c62b34a923", [
        "Jakarta, Kompas - Pabrik pupuk PT Pupuk Iskandar Muda atau PT PIM berhenti beroperasi sejak 8 September 2005 karena tidak mendapat pasokan gas alam cair atau LNG.",
        "Akibat penghentian produksi pabrik itu, karyawan PT PIM mulai gelisah karena khawatir terhadap kelangsungan kegiatan perusahaan.",
    ]),
    "tekstil": ("facqa-7df397009177", [
        "Jakarta, Kompas - Kenaikan biaya produksi sebesar 25 persen, akibat kenaikan harga bahan bakar minyak dan tarif listrik, akan menambah jumlah pengangguran sebanyak 300.000 orang hingga akhir tahun 2005.",
        "Hal itu karena pengusaha tekstil akan melakukan efisiensi dengan mengurangi tenaga kerja.",
    ]),
    "keris": ("facqa-9e770be5fb71", [
        'Keris, seperti juga teater Kabuki dari Jepang, pentas tradisional India - Ramlila yang mengetengahkan epik Ramayana - Samba dari Brasil, Mak Yong dari Melayu, "Masih hidup dan dihayati, tradisi masih berlanjut. Berbeda dengan budaya samurai di Jepang yang kini sudah mati," ungkap Direktur Jenderal Organisasi Pendidikan, Ilmu Pengetahuan, dan Kebudayaan Perserikatan Bangsa-Bangsa (UNESCO) Koichiro Matsuura, yang ditemui Kompas pekan lalu, beberapa saat setelah menyerahkan sertifikat pengakuan UNESCO itu kepada Wakil Presiden Jusuf Kalla di Jakarta.',
    ]),
    "bksda": ("facqa-fce87ea2cf4e", [
        "Kepala Balai Konservasi Sumber Daya Alam (BKSDA) Kalimantan Tengah Yohanes Sudarto di Palangkaraya, Selasa kemarin, mengatakan, penyebab kebakaran masih belum diketahui.",
        '"Kami masih menyelidiki apakah kebakaran tersebut ada unsur kesengajaan untuk menghilangkan barang bukti tebangan liar," katanya.',
    ]),
    "sebangau": ("facqa-79e10ce9145b", [
        "Palangkaraya, Kompas - Sedikitnya 20 hektar hutan di Taman Nasional Sebangau, Kalimantan Tengah, di sekitar kanal Sebangau Sanitra Indah terbakar sejak 24 Agustus 2005 dan hingga sekarang api belum dapat dipadamkan.",
        "Di areal yang terbakar tersebut terdapat kayu sitaan hasil Operasi Gabungan 22 Agustus lalu.",
    ]),
    "rotan": ("facqa-e66161342c43", [
        "Cirebon, Kompas - Ribuan perajin dan pekerja rotan berunjuk rasa, Jumat (26/8), menolak Peraturan Menteri Perdagangan Nomor 12 Tahun 2005 tentang Pencabutan Larangan Ekspor Rotan.",
        "Permendag itu dinilai tidak memberikan kesejahteraan bagi para perajin rotan, tetapi menyebabkan hancurnya industri rotan di Cirebon.",
    ]),
    "thai": ("facqa-d44755e27ed9", [
        "Dalam beberapa bulan terakhir, lebih dari 5.000 kapal pelaut (sepertiga dari kapal pelaut di Thailand selatan) telah berhenti melaut.",
        '"Masalahnya kenaikan harga BBM sudah mulai menggerogoti perolehan laba," kata Prasant Silphiphat, Presiden Asosiasi Pelaut Thailand.',
    ]),
    "pramono": ("facqa-de915c2abce2", [
        "Kemarin Sekretaris Jenderal Dewan Pimpinan Pusat Partai Demokrasi Indonesia Perjuangan Pramono Anung menyayangkan terbitnya instruksi presiden soal perjalanan ke luar negeri, sementara Presiden justru berangkat ke Amerika Serikat.",
        '"Seharusnya Presiden mengedepankan keteladanan.',
        'Aturan itu seharusnya juga berlaku untuk dirinya sendiri," ujarnya.',
    ]),
    "aceh": ("facqa-b1b42209023a", [
        "Wali Kota Banda Aceh Mawardi Nurdin menyampaikan hal itu pada Pembukaan Program Pengobatan Gratis di Desa Lamdom, Banda Aceh, Rabu (7/9).",
        "Menurut dia, Banda Aceh termasuk wilayah yang rusak akibat tsunami 26 Desember 2004.",
        "Akibat tsunami, sebanyak 60.000 orang meninggal, 21.800 siswa hilang, 30.000 rumah rusak, dan 62.000 orang menjadi pengungsi, katanya.",
    ]),
    "igas": ("facqa-72be6b7ed5e9", [
        "Kondisi itu disampaikan Direktur PT Igas Utama Irene Ratnawati Rusli, Senin (12/9) di Jakarta.",
        "Industri itu antara lain PT LG Philips Displays Indonesia, PT Indonesia Daeyang Korea, PT Kayaba Indonesia, PT Essar Indonesia, dan PT URC Indonesia.",
        '"Kami tak bisa memasok lagi gas ke mereka sejak diputus oleh Pertamina sebagai produsen gas," kata Irene.',
    ]),
    "cibitung": ("facqa-00566ad2fa40", [
        "Jakarta, Kompas - Lima perusahaan permodalan asing di Kawasan Industri Cibitung, Jawa Barat, tak mendapat pasokan gas menyusul dihentikannya aliran gas oleh Pertamina sejak 25 Agustus lalu.",
        "Di tengah seretnya pasokan bahan bakar minyak, kondisi tersebut sangat menyulitkan perusahaan.",
    ]),
    "mesir": ("facqa-e2ac305da2d7", [
        "Salah seorang aktivis Ikhwanul Muslimin, Abdel Munim Abdel Futuh, mengatakan hasil pemilu sama sekali tidak mengejutkan.",
        "Pemilu ini digelar di tengah berlakunya undang-undang darurat yang membelenggu kebebasan rakyat.",
        "NDP dan Mubarak telah mencegah dengan segala cara munculnya saingan yang mengancam.",
    ]),
    "krakatau": ("facqa-0b9089ce5e36", [
        "Mudahnya mengenalkan Gunung Krakatau dikarenakan 122 tahun lalu, tepatnya 27 Agustus 1883, gunung itu pernah meletus hebat.",
        "Letusan itu menimbulkan tsunami di sepanjang pantai selatan Sumatera dan pantai barat Jawa Barat.",
        "Ketika itu, lebih dari 36.000 jiwa menjadi korban tragedi letusan Gunung Krakatau.",
    ]),
    "anyer": ("facqa-c3a73adc3043", [
        "Tarif sewa sebuah perahu berkapasitas 15-20 orang dari Pantai Anyer menuju Krakatau pergi pulang sekarang sekitar Rp 7 juta.",
        '"Jika ditambah ongkos makan siang dan snack, setiap orang kira-kira butuh biaya Rp 500.000 untuk perjalanan wisata sehari pulang pergi Anyer-Krakatau," jelas Ansori.',
    ]),
    "orangutan": ("facqa-1c8fb5b35b79", [
        "Sabri, seorang pekerja hutan tanaman industri (HTI) di kawasan Menamang, mengatakan, beberapa waktu ini makin banyak orang utan yang menyeberang ke kawasan HTI.",
        '"Orang utan itu menguliti tanaman akasia muda, mungkin lapar karena kawasan hutan TNK banyak yang sudah rusak, orang utan itu mengunyah-ngunyah kulit akasia itu," ujar dia.',
    ]),
    "tranaco": ("facqa-930e21ce924f", [
        "Direktur PT Tranaco Anton Cahyono mengatakan, dengan mengimpor BBM, para pengusaha terhindar dari ketidakpastian pasokan solar Pertamina.",
        '"Sejak harga minyak makin tinggi, industri makin sulit dapat solar.',
        'Meskipun sudah mengajukan DO (delivery order) dan membayar di muka, pasokan tidak lancar," kata Anton.',
    ]),
    "unsyiah": ("facqa-810fc624a260", [
        "Menurut Dr Darni M Daud, Pembantu Rektor Bidang Akademik Unsyiah, selama ini Unsyiah telah mendapat bantuan dari berbagai negara, pemerintah, dan lembaga swadaya masyarakat.",
        '"Tetapi kami tidak pernah mendapat bantuan dari ilmuwan.',
        'Maka deklarasi ini sangat berarti bagi kami," ujar Darni.',
    ]),
    # --- IDK-MRC (Wikipedia) ---
    "daendels": ("idkmrc-15b4e0a49489", [
        "Sekembali Daendels di Eropa, Daendels kembali bertugas di tentara Perancis.",
        "Dia juga ikut tentara Napoleon berperang ke Rusia.",
        "Setelah Napoleon dikalahkan di Waterloo dan Belanda merdeka kembali, Daendels menawarkan dirinya kepada Raja Willem I, tetapi Raja Belanda ini tidak terlalu suka terhadap mantan Patriot dan tokoh revolusioner ini.",
        "Tetapi biar bagaimanapun juga, pada tahun 1815 ia ditawari pekerjaan menjadi Gubernur-Jenderal di Ghana.",
        "Ia meninggal dunia di sana akibat malaria pada tanggal 8 Mei 1818.",
    ]),
    "paus": ("idkmrc-2196ccd52db7", [
        "Yohanes Paulus I ditemukan tewas duduk di tempat tidurnya sebelum fajar pada tanggal 29 September 1978, hanya 33 hari ke kepausannya.",
        "Vatikan melaporkan bahwa Paus 65 tahun kemungkinan besar meninggal dunia di malam hari sebelumnya karena serangan jantung.",
        "Telah menyatakan bahwa Vatikan mengubah beberapa rincian penemuan kematian untuk menghindari ketidaklayakan mungkin dalam bahwa ia ditemukan oleh Suster Vincenza, seorang biarawati.",
        "Isu-isu ini menyebabkan sejumlah teori konspirasi mengenai kematiannya.",
        "Vatikan belum menyelidiki klaim.",
    ]),
    "bom": ("idkmrc-48eed3457a4c", [
        "Rencana untuk membuat bom uranium oleh negara-negara Sekutu dimulai sejak tahun 1939 ketika Albert Einstein menulis surat kepada Presiden AS Franklin D. Roosevelt dan menyampaikan teori bahwa reaksi rantai nuklir yang tidak terkontrol memiliki potensi besar untuk dijadikan senjata pembunuh massal.",
        "Pada 1940, pemerintah AS menyetujui dana sebesar 6.000 dolar untuk membiayai pembuatan bom atom itu.",
        "Proyek yang disebut sebagai proyek Manhattan itu akhirnya mencapai hasil lima tahun kemudian dengan dana yang membengkak hingga dua juta dolar.",
        "Namun, karena Jerman telah menyerah dalam Perang Dunia II, pada Agustus 1945 Jepang menjadi korban dari serangan bom atom generasi pertama tersebut.",
    ]),
    "yusuf": ("idkmrc-5de4cc455150", [
        "Moehammad Joesoef Ronodipoero (EYD: Muhammad Yusuf Ronodipuro atau hanya Yusuf Ronodipuro; ) adalah duta besar Indonesia.",
        "Selain itu ia pernah menjadi Duta Besar luar biasa Indonesia di Uruguay, Argentina, dan Chili.",
        "Yusuf Ronodipuro dianggap sebagai salah satu tokoh pahlawan Indonesia karena perannya dalam menyiarkan Proklamasi Kemerdekaan Indonesia ke seluruh dunia saat dia bekerja di Radio Hoso Kyoku.",
        "Dia juga adalah salah satu pendiri dari Radio Republik Indonesia pada tanggal 11 September 1945, yang berdiri sampai sekarang, dan kemudian hari jadinya diperingati setiap tanggal 11 September.",
    ]),
    "b29": ("idkmrc-69f27ff9b25a", [
        "Serangan pertama terjadi pada malam 15/16 Juni ketika 75 unit pengebom B-29 dikirim untuk menyerang pabrik besi dan baja kekaisaran di Yawata bagian utara Kyūshū.",
        "Serangan ini menymbangkan sedikit kerusakan dengan mengorbankan tujuh unit pesawat pengebom B-29, namun serangan ini mendapat perhatian besar dari warga AS karena diliput dengan antusias oleh media.",
        "Militer Jepang mulai memperluas kekuatan tempur mereka di pulau-pulau utama setelah serangan terhadap Yawata, pada bulan Oktober sekitar 375 unit pesawat ditugaskan mengisi divisi pertahanan udara.",
        "Dari tempatnya di Pentagon, Jenderal Henry H. Arnold membebastugaskan komandan Komando Pengebom XX Brigadir Jenderal Kenneth Wolfe tak lama setelah serangan di Yawata, karena Wolfe tidak mampu membuat serangan lebih lanjut terhadap Jepang karena kekurangan stok bahan bakar di pangkalan Tiongkok.",
        "Pengganti Wolfe adalah Mayor Jenderal Curtis LeMay, seorang veteran serangan bom Angkatan Udara AS melawan Jerman.",
    ]),
    "tjipto": ("idkmrc-88cde4fb8bf6", [
        "dr. Tjipto Mangoenkoesoemo (EYD: Cipto Mangunkusumo) (Pecangaan, Jepara, Jawa Tengah, 1886 – Jakarta, 8 Maret 1943) adalah seorang tokoh pergerakan kemerdekaan Indonesia.",
        'Bersama dengan Ernest Douwes Dekker dan Ki Hajar Dewantara ia dikenal sebagai "Tiga Serangkai" yang banyak menyebarluaskan ide pemerintahan sendiri dan kritis terhadap pemerintahan penjajahan Hindia Belanda.',
        "Ia adalah tokoh dalam Indische Partij, suatu organisasi politik yang pertama kali mencetuskan ide pemerintahan sendiri di tangan penduduk setempat, bukan oleh Belanda.",
        "Pada tahun 1913 ia dan kedua rekannya diasingkan oleh pemerintah kolonial ke Belanda akibat tulisan dan aktivitas politiknya, dan baru kembali 1917.",
    ]),
    "israel": ("idkmrc-9fb3f9e76b91", [
        "Pada 14 Mei 1948, Israel memproklamasikan kemerdekaannya dan ini segera diikuti oleh peperangan dengan negara-negara Arab di sekitarnya yang menolak rencana pembagian ini.",
        "Akibat perang ini pula, Israel berhasil memperluas batas wilayah negaranya melebihi batas wilayah yang ditentukan oleh Rencana Pembagian Palestina.",
        "Israel telah menandatangani perjanjian damai dengan Mesir dan Yordania, namun usaha perdamaian antara Palestina dan Israel sampai sekarang belum berhasil.",
    ]),
    "soedjatmoko": ("idkmrc-a87cb60bd663", [
        "Soedjatmoko dilahirkan dalam keluarga bangsawan dan belajar kedokteran di Batavia (sekarang Jakarta).",
        "Setelah dikeluarkan dari sekolah kedokteran oleh orang-orang Jepang pada tahun 1943, ia pindah ke Surakarta dan membuka praktik pengobatan bersama ayahnya.",
        "Pada tahun 1947, setelah kemerdekaan Indonesia, Soedjatmoko bersama dua pemuda lain dikirimkan ke Lake Success, New York, Amerika Serikat untuk mewakili Indonesia di Perserikatan Bangsa-Bangsa.",
        "Namun, karena pemerintahan Presiden Soekarno semakin otoriter, Soedjatmoko mulai mengkritik pemerintah.",
        "Untuk menghindari pencekalan pemerintah, Soedjatmoko pergi ke luar negeri dan bekerja sebagai dosen di Universitas Cornell di Ithaca, New York selama dua tahun.",
    ]),
    "makin": ("idkmrc-aadb6b024eae", [
        "Pada tanggal 17 Agustus 1942, 211 orang Marinir dari Raider Marinir 2 di bawah pimpinan Kolonel vans Carlson dan Kapten James Roosevelt didaratkan di Makin dari dua kapal selam, USS Nautilus dan USS Argonaut.",
        "Jepang memindahkan tawanan mereka ke Atol Kwajalein, dimana nantinya mereka dipenggal.",
        "Tujuan dari serangan tersebut adalah untuk membingungkan Jepang akan tujuan Amerika Serikat di Pasifik, tapi akibatnya Jepang menjadi sadar akan pentingnya Kepulauan Gilbert secara strategis dan memperkuat pertahanan disana.",
        "Para Raider menewaskan sekitar 83 serdadu Jepang, memusnahkan garnisun, dan menghancurkan instalasi-instalasi dengan kerugian 21 orang tewas (sebagian besar karena serangan udara) dan 9 ditawan.",
    ]),
    "benediktus": ("idkmrc-b6470d1be4d9", [
        "Benediktus XV merayakan Misa bersama para biarawati di Domus Sanctae Marthae pada awal Januari 1922 dan ketika dia menunggu supirnya di tengah hujan dia jatuh sakit karena flu yang berubah menjadi radang paru-paru.",
        "Setelah satu bulan rasa sakit yang disebabkan oleh pneumonia menyebar ke paru-parunya, ia menyerah pada penyakit itu pada 22 Januari 1922 pukul 6:00 pagi pada usia 67, keponakannya di sampingnya.",
        "Setelah kematiannya, bendera dikibarkan pada setengah tiang untuk mengenangnya dan sebagai penghormatan kepadanya.",
        "Tubuhnya kemudian berbaring di negara untuk orang-orang untuk melihat sebelum dipindahkan untuk dimakamkan di gua Vatikan.",
    ]),
    "sabaruddin": ("idkmrc-c18543216563", [
        "Zainal Sabaruddin Nasution atau Mayor Sabaruddin (lahir di Kotaraja, Aceh, Indonesia pada tahun 1922 - meninggal di Madiun, Indonesia pada 24 November 1949) adalah seorang pejuang kemerdekaan Indonesia yang ditakuti karena terkenal kejam dan bengis.",
        "Sabarudin pernah mengeksekusi secara terbuka seorang bernama Suryo yang dituduh sebagai mata-mata Belanda.",
        "Padahal, Suryo merupakan sesama bekas anggota PETA.",
        "Eksekusi itu ternyata di latar belakangi dendam pribadi terkait asmara.",
        "Antara Sabarudin dan Suryo pernah terlibat persaingan memperebutkan putri Bupati Sidoarjo yang terkenal cantik.",
    ]),
    "kahlo": ("idkmrc-f693cb041f1c", [
        "Kehidupan Kahlo mulai dan berakhir di Kota Meksiko, di rumahnya yang dikenal sebagai Blue House (rumah biru).",
        "Dia menulis tanggal lahirnya sebagai 7 Juli 1910, tetapi akta kelahirannya menunjukkan tanggal 6 Juli 1907.",
        "Kahlo diduga menginginkan tahun kelahirannya bertepatan dengan tahun awal revolusi Meksiko sehingga hidupnya akan dimulai dengan hadirnya Meksiko modern.",
        "Pada usia enam tahun, Frida mengidap polio yang menyebabkan kaki kanannya tampak lebih kecil dari yang lain, dan ini tetap berlanjut hingga permanen.",
    ]),
    "verstraelen": ("idkmrc-f8a23a13bbd0", [
        "Pada waktu itu, ia hendak bertolak menuju seminari di Todabelu-Mataloko, Ngada, menggunakan mobil yang dikendarai oleh Pastor Johanes Bouma.",
        "Saat berada di sekitar 50 kilometer sebelah barat Ende, mobil terbalik karena seekor kuda panik karena mendengar suara mobil yang jarang terdengar.",
        "Mgr. Verstraelen terlempar keluar dari mobil dan tewas di tempat, sementara Pastor Bouma mengalami patah di tangan kirinya.",
        "Kematiannya yang mendadak membawa kesedihan mendalam bagi umat Katolik di vikariat yang dipimpinnya serta menjadi masalah untuk menunjuk pengganti secara cepat.",
        "Misa Requiem baginya diselenggarakan di Gereja Katedral Ende, dan dipimpin oleh Pro-Vikaris sekaligus Administrator Apostolik, Henricus Leven.",
        "Leven kemudian menjadi penerusnya di Kepulauan Sunda Kecil.",
    ]),
    "newton": ("idkmrc-209c56bee3ee", [
        "Isaac Newton dilahirkan pada tanggal 4 Januari 1643 [KJ: 25 Desember 1642] di Woolsthorpe-by-Colsterworth, sebuah hamlet (desa) di county Lincolnshire.",
        "Pada saat kelahirannya, Inggris masih mengadopsi kalender Julian, sehingga hari kelahirannya dicatat sebagai 25 Desember 1642 pada hari Natal.",
        "Newton dilahirkan secara prematur; dilaporkan pula ibunya, Hannah Ayscough, pernah berkata bahwa ia dapat muat ke dalam sebuah cangkir (≈ 1,1 liter).",
        "Ketika Newton berumur tiga tahun, ibunya menikah kembali dan meninggalkan Newton di bawah asuhan neneknya, Margery Ayscough.",
        'Newton muda tidak menyukai ayah tirinya dan menyimpan rasa benci terhadap ibunya karena menikahi pria tersebut, seperti yang tersingkap dalam pengakuan dosanya: "Threatening my father and mother Smith to burn them and the house over them."',
    ]),
    "museveni": ("idkmrc-3271083e8b33", [
        "Yoweri Kaguta Museveni (lahir sekitar 1944 , Ntungamo, Uganda)) adalah Presiden Uganda sejak 29 Januari 1986.",
        "Museveni terlibat dalam perang yang menggulingkan pemerintahan Idi Amin (1971–79) dan pemberontakan yang kelak menyebabkan runtuhnya rezim Milton Obote (1980–1985).",
    ]),
    "afganistan": ("idkmrc-70b0044ac879", [
        "Pada bulan April 1978, Partai Demokrasi Rakyat Afganistan (PDPA) yang berhaluan komunis merebut kekuasaan atas Afganistan melalui Revolusi Saur.",
        "Dalam hitungan bulan, penentang pemerintahan komunis melancarkan pemberontakan di Afganistan timur, yang dengan cepat berkembang menjadi perang saudara antara gerilyawan mujahidin melawan tentara pemerintah.",
        "Pemerintah Pakistan memfasilitasi para pemberontak dengan pusat-pusat pelatihan rahasia, sedangkan Uni Soviet mengirim ribuan penasihat militer untuk mendukung pemerintahan PDPA.",
        "Sementara itu, meningkatnya gesekan antara faksi-faksi yang bersaing di PDPA–faksi Khalq yang dominan dan Parcham yang lebih moderat – menyebabkan pemberhentian anggota kabinet dan penangkapan perwira militer Parchami dengan dalih kudeta terhadap Parchami.",
        "Pada pertengahan 1979, Amerika Serikat memulai sebuah program rahasia untuk membantu mujahidin.",
    ]),
}

# Split by article: every question on an article goes to that article's split.
DEV = """S dean tol png terigu heli asep tekstil bksda sebangau thai aceh mesir tranaco
         daendels paus bom yusuf b29 tjipto israel soedjatmoko
         cabai rob vonis kelud air""".split()
TEST = """chavez flu kpu pim keris rotan pramono igas cibitung krakatau anyer orangutan unsyiah
          makin benediktus sabaruddin kahlo verstraelen newton museveni afganistan
          pabrik transfer ojol kapal dbd""".split()

# ---------------------------------------------------------------------------------------------
# Questions. q(article, language, kind, question, gold fragments, gold span).
# conv(...) groups 2-4 turns into one conversation, in order.
# ---------------------------------------------------------------------------------------------
def q(art, lang, kind, question, gold=(), span=None):
    if isinstance(gold, str):
        gold = (gold,)
    return {"art": art, "language": lang, "kind": kind, "question": question,
            "gold": list(gold), "span": span}


def conv(*turns):
    return list(turns)


ITEMS = [
    # ===================== sample article (IDN Times, Putin / Kim) =====================
    conv(q("S", "en", "statement", "What did Kurt Campbell tell his South Korean counterpart?", "Kurt Campbell, mengatakan"),
         q("S", "en", "statement", "And what did Kim Hong-kyun say to him?", "Kim Hong-kyun, mengatakan kepada Campbell"),
         q("S", "en", "who-is", "What is Kim's position?", "Kim Hong-kyun, mengatakan kepada Campbell", "Wakil Menteri Luar Negeri Korsel")),
    conv(q("S", "id", "statement", "Apa kata juru bicara Kremlin soal hubungan Rusia dengan Korut?", ["Kami berhak membina", "Kami akan melakukan itu", "Potensi perkembangan"]),
         q("S", "id", "who-is", "Siapa namanya?", "Potensi perkembangan", "Dmitry Peskov"),
         q("S", "id", "statement", "Lalu apa pesan Kim Jong-un kepada Putin?", "Dalam pesannya kepada Putin")),
    conv(q("S", "en", "exchange", "What did Pyongyang agree to give Russia in return for help with its space programme?", "Dalam lawatannya pada September", "penyediaan persenjataan kepada Rusia untuk perang di Ukraina"),
         q("S", "en", "reason", "Why is that a problem?", "Dalam lawatannya pada September", "pelanggaran terhadap resolusi Dewan Keamanan PBB (DK PBB)"),
         q("S", "en", "exchange", "And what might the North want this time, according to experts?", "Para ahli percaya", "impor pangan dan energi")),
    conv(q("S", "id", "when", "Kapan Putin diperkirakan berkunjung ke Pyongyang?", "pejabat di kantor kepresidenan Seoul", "dalam beberapa hari mendatang"),
         q("S", "id", "reason", "Kenapa dia ke sana?", "Putin berencana bertemu", "kunjungan balasannya"),
         q("S", "id", "what-happened", "Persiapan apa yang sudah terlihat di Pyongyang?", "Menurut laporan situs")),
    conv(q("S", "en", "factoid", "Which missile did the debris that hit Kharkiv come from?", "puing-puing dari rudal", "rudal balistik seri Hwasong-11"),
         q("S", "en", "when", "When did it land?", "puing-puing dari rudal", "2 Januari"),
         q("S", "en", "where-from", "Where was it fired from?", "puing-puing dari rudal", "wilayah Rusia")),
    q("S", "en", "statement", "What did Washington and Seoul warn Putin against?", "telah memperingatkan Presiden Rusia"),
    q("S", "id", "statement", "Apa yang disampaikan Kim Hong-kyun kepada Campbell soal kunjungan Putin?", "Kim Hong-kyun, mengatakan kepada Campbell"),
    q("S", "id", "statement", "Apa yang dikatakan Wakil Menlu AS kepada Kim Hong-kyun?", "Kurt Campbell, mengatakan"),
    q("S", "id", "statement", "Bagaimana sikap Kementerian Luar Negeri Korsel terhadap provokasi Korut?", "ungkap Kementerian Luar Negeri Korsel"),
    q("S", "en", "consequence", "In Campbell's view, what would closer military ties between Pyongyang and Moscow lead to?", "Kurt Campbell, mengatakan", "ketidakstabilan lebih lanjut di wilayah tersebut"),
    q("S", "id", "who-is", "Siapa Colin Zwirko?", "tulis koresponden senior NK Pro", "koresponden senior NK Pro"),
    q("S", "en", "reason", "Why are many worried about Russia getting closer to North Korea?", "Rusia menyatakan haknya"),
    q("S", "en", "what-happened", "What is Russia accused of doing with North Korean weapons?", "Dilansir Reuters"),
    q("S", "en", "how", "How did NK Pro spot the parade preparations?", "Menurut laporan situs", "mengutip citra satelit komersial"),
    q("S", "id", "where-from", "NK Pro itu berbasis di mana?", "Menurut laporan situs", "Seoul"),
    q("S", "en", "unanswerable", "How many North Korean troops have been sent to fight in Ukraine?"),

    # ===================== FacQA passages (Kompas) =====================
    conv(q("dean", "id", "reason", "Menurut Howard Dean, mengapa Roosevelt dan Truman berhasil menang dalam Perang Dunia II?", "Menurut Ketua Partai Demokrat"),
         q("dean", "id", "statement", "Lalu apa katanya tentang Bush?", ["Tapi Bush tidak bisa", "Akibatnya, tidak ada", "Pasukan, sekutu"]),
         q("dean", "id", "consequence", "Apa akibatnya, menurut dia?", "Akibatnya, tidak ada", "tidak ada perkembangan berarti di Irak")),
    q("dean", "en", "who-is", "Who is Howard Dean?", "Menurut Ketua Partai Demokrat", "Ketua Partai Demokrat"),

    conv(q("chavez", "id", "reason", "Mengapa Hugo Chavez menyebut Amerika Serikat negara teroris?", "berani menyebut AS"),
         q("chavez", "id", "statement", "Apa lagi katanya soal Irak?", "Tidak pernah ada senjata"),
         q("chavez", "id", "when", "Kapan dia melontarkan kecaman itu?", "Kecaman tak kalah pedas", "satu hari setelah Mugabe berpidato")),
    q("chavez", "en", "factoid", "Where did Chavez deliver his attack on the United States?", "Kecaman tak kalah pedas", "di depan sidang Konferensi Tingkat Tinggi Perserikatan Bangsa-Bangsa (KTT PBB)"),

    conv(q("tol", "id", "what-happened", "Apa keputusan akhir Komisi V DPR soal kenaikan tarif tol?", "yang semula keberatan"),
         q("tol", "id", "exchange", "Apa yang mereka dapat sebagai gantinya?", "Kami akhirnya memaklumi", "perbaikan pelayanan"),
         q("tol", "id", "how", "Bagaimana mereka akan mengawasi operator jalan tol?", "Kami juga sepakat membentuk")),
    q("tol", "en", "who-is", "Who is Sofhian Mile?", "Kami juga sepakat membentuk", "Ketua Komisi V DPR"),

    conv(q("flu", "id", "where-from", "NM dirujuk dari rumah sakit mana?", "NM dirujuk", "RS St Carolus Jakarta Pusat"),
         q("flu", "id", "factoid", "Berapa lama dia dirawat di sana?", "NM dirujuk", "empat hari"),
         q("flu", "id", "reason", "Kenapa dia diduga pernah kontak dengan unggas?", "Dia beriwayat kontak")),
    q("flu", "en", "who-is", "Who is Ilham Patu?", "Dia beriwayat kontak", "Kepala Bidang Informasi dan Sistem Pelaporan KLB Flu Burung RSPI"),
    q("flu", "en", "factoid", "How high was the patient's fever?", "NM dirujuk", "39degC"),

    conv(q("png", "en", "reason", "Why do people from Papua New Guinea come over to shop at this market?", "Kedatangan warga PNG"),
         q("png", "en", "statement", "What did one of the shoppers say?", ["Saya sering belanja", "Di tempat kami mahal"]),
         q("png", "en", "where-from", "Where is he from?", "Di tempat kami mahal", "Vanimo, PNG")),
    q("png", "id", "factoid", "Mata uang apa saja yang dipakai di pasar perbatasan itu?", "dua mata uang", "rupiah dan kina"),

    conv(q("kpu", "id", "statement", "Apa yang diakui Ishak Harahap kepada pers?", "Ishak Harahap"),
         q("kpu", "id", "reason", "Apa alasannya menerima uang itu?", "Uang itu uang lelah"),
         q("kpu", "id", "who-is", "Memangnya dia pejabat apa?", "Ishak Harahap", "Kepala Subdirektorat Pembinaan Anggaran II E Ditjen Anggaran dan Perimbangan Keuangan Departemen Keuangan")),
    q("kpu", "en", "when", "When did Ishak Harahap admit taking the KPU money?", "Ishak Harahap", "seusai penetapan penahanan"),

    conv(q("terigu", "id", "reason", "Kenapa harga tepung terigu naik?", "Produsen tepung terigu"),
         q("terigu", "id", "factoid", "Naik berapa?", "Produsen tepung terigu", "sekitar dua persen"),
         q("terigu", "id", "when", "Mulai kapan?", "Kami akan menaikkan", "hari Jumat (9/8, Red)")),
    q("terigu", "en", "who-is", "Who is Ratna Sari Loppies?", "Kami akan menaikkan", "Direktur Eksekutif Asosiasi Produsen Tepung Terigu Indonesia (Aptindo)"),

    conv(q("heli", "en", "what-happened", "What happened to the West Sumatra police helicopter?", "Helikopter MI-2"),
         q("heli", "en", "factoid", "How many people died?", "Enam orang", "Enam orang"),
         q("heli", "en", "factoid", "Did anyone survive?", "Enam orang", "kopilot Ipda Asep Prihartono"),
         q("asep", "en", "factoid", "Which hospital was the co-pilot, Asep Prihartono, taken to?", "Tim evakuasi membawa", "Rumah Sakit Dr M Djamil")),
    q("heli", "id", "when", "Kapan helikopter Polda Sumbar itu jatuh?", "Helikopter MI-2", "Kamis (1/9)"),
    q("asep", "id", "statement", "Apa kata keluarga Asep Prihartono tentang kondisinya?", ["Ia beristirahat", "Menurut dr Joni"]),

    conv(q("pim", "id", "reason", "Kenapa pabrik PT Pupuk Iskandar Muda berhenti beroperasi?", "berhenti beroperasi", "tidak mendapat pasokan gas alam cair atau LNG"),
         q("pim", "id", "when", "Sejak kapan?", "berhenti beroperasi", "8 September 2005"),
         q("pim", "id", "consequence", "Lalu apa dampaknya bagi karyawan?", "Akibat penghentian produksi")),
    q("pim", "en", "what-happened", "What happened at the PIM fertilizer plant in September 2005?", "berhenti beroperasi"),

    conv(q("tekstil", "en", "consequence", "What will the 25 percent jump in production costs lead to?", "Kenaikan biaya produksi", "menambah jumlah pengangguran sebanyak 300.000 orang"),
         q("tekstil", "en", "reason", "Why would that happen?", "Hal itu karena"),
         q("tekstil", "en", "reason", "And what pushed production costs up in the first place?", "Kenaikan biaya produksi", "kenaikan harga bahan bakar minyak dan tarif listrik")),
    q("tekstil", "id", "how", "Bagaimana cara pengusaha tekstil melakukan efisiensi?", "Hal itu karena", "mengurangi tenaga kerja"),

    conv(q("keris", "en", "statement", "What did the head of UNESCO say about the keris tradition?", "Keris, seperti juga"),
         q("keris", "en", "factoid", "Which tradition did he call dead?", "Keris, seperti juga", "budaya samurai di Jepang"),
         q("keris", "en", "factoid", "Who had he just handed the certificate to?", "Keris, seperti juga", "Wakil Presiden Jusuf Kalla")),
    q("keris", "id", "who-is", "Koichiro Matsuura itu siapa?", "Keris, seperti juga", "Direktur Jenderal Organisasi Pendidikan, Ilmu Pengetahuan, dan Kebudayaan Perserikatan Bangsa-Bangsa (UNESCO)"),

    conv(q("bksda", "id", "reason", "Apa penyebab kebakaran hutan itu menurut Kepala BKSDA Kalteng?", "penyebab kebakaran masih belum diketahui", "masih belum diketahui"),
         q("bksda", "id", "statement", "Lalu apa yang sedang diselidiki pihaknya?", "Kami masih menyelidiki"),
         q("sebangau", "id", "factoid", "Omong-omong, berapa luas hutan Taman Nasional Sebangau yang terbakar?", "Sedikitnya 20 hektar", "Sedikitnya 20 hektar")),
    q("sebangau", "en", "when", "Since when has the forest in Sebangau National Park been on fire?", "Sedikitnya 20 hektar", "24 Agustus 2005"),
    q("sebangau", "en", "factoid", "What was being kept in the area that burned?", "Di areal yang terbakar", "kayu sitaan hasil Operasi Gabungan 22 Agustus lalu"),
    q("bksda", "en", "unanswerable", "How many firefighters were deployed to the Sebangau forest fire?"),

    conv(q("rotan", "en", "what-happened", "What did rattan workers in Cirebon do?", "Ribuan perajin"),
         q("rotan", "en", "when", "When was that?", "Ribuan perajin", "Jumat (26/8)"),
         q("rotan", "en", "reason", "Why are they against the regulation?", "Permendag itu dinilai")),
    q("rotan", "id", "consequence", "Menurut perajin, apa akibat Permendag itu bagi industri rotan di Cirebon?", "Permendag itu dinilai", "hancurnya industri rotan di Cirebon"),

    conv(q("thai", "id", "factoid", "Berapa banyak kapal nelayan di Thailand selatan yang berhenti melaut?", "lebih dari 5.000 kapal", "lebih dari 5.000 kapal pelaut"),
         q("thai", "id", "reason", "Kenapa?", "Masalahnya kenaikan harga BBM"),
         q("thai", "id", "factoid", "Siapa yang bilang begitu?", "Masalahnya kenaikan harga BBM", "Prasant Silphiphat, Presiden Asosiasi Pelaut Thailand")),
    q("thai", "en", "statement", "What did the head of the Thai fishermen's association say?", "Masalahnya kenaikan harga BBM"),

    conv(q("pramono", "en", "statement", "What did Pramono Anung criticise?", "Pramono Anung menyayangkan"),
         q("pramono", "en", "statement", "What did he say the President ought to do?", ["Seharusnya Presiden", "Aturan itu seharusnya"]),
         q("pramono", "en", "factoid", "Where was the President travelling to?", "Pramono Anung menyayangkan", "Amerika Serikat")),
    q("pramono", "id", "who-is", "Pramono Anung menjabat sebagai apa?", "Pramono Anung menyayangkan", "Sekretaris Jenderal Dewan Pimpinan Pusat Partai Demokrasi Indonesia Perjuangan"),

    conv(q("aceh", "id", "factoid", "Menurut Wali Kota Banda Aceh, berapa orang yang meninggal akibat tsunami?", "Akibat tsunami", "60.000 orang"),
         q("aceh", "id", "factoid", "Kalau siswa yang hilang?", "Akibat tsunami", "21.800 siswa"),
         q("aceh", "id", "when", "Tsunaminya terjadi kapan?", "Menurut dia, Banda Aceh", "26 Desember 2004")),
    q("aceh", "en", "factoid", "Where did Mawardi Nurdin make these remarks?", "Mawardi Nurdin menyampaikan", "Pembukaan Program Pengobatan Gratis di Desa Lamdom, Banda Aceh"),
    q("aceh", "en", "consequence", "What did the tsunami do to housing in Banda Aceh?", "Akibat tsunami", "30.000 rumah rusak"),

    conv(q("igas", "en", "statement", "What did Irene Ratnawati Rusli say about gas supplies?", "Kami tak bisa memasok"),
         q("igas", "en", "who-is", "Who is she?", "Kondisi itu disampaikan", "Direktur PT Igas Utama"),
         q("igas", "en", "factoid", "Which companies does her firm supply?", "Industri itu antara lain", "PT LG Philips Displays Indonesia, PT Indonesia Daeyang Korea, PT Kayaba Indonesia, PT Essar Indonesia, dan PT URC Indonesia"),
         q("cibitung", "en", "when", "Since when has Pertamina cut off gas to the foreign companies in the Cibitung industrial estate?", "Lima perusahaan", "25 Agustus lalu")),
    q("igas", "id", "when", "Kapan Irene menyampaikan kondisi itu?", "Kondisi itu disampaikan", "Senin (12/9)"),
    q("cibitung", "id", "consequence", "Apa akibat terhentinya pasokan gas bagi lima perusahaan asing di Cibitung?", "Di tengah seretnya"),

    conv(q("mesir", "id", "statement", "Bagaimana tanggapan Abdel Futuh atas hasil pemilu Mesir?", "Salah seorang aktivis"),
         q("mesir", "id", "reason", "Kenapa menurutnya hasil itu tidak mengejutkan?", ["Pemilu ini digelar", "NDP dan Mubarak"]),
         q("mesir", "id", "who-is", "Dia dari kelompok mana?", "Salah seorang aktivis", "aktivis Ikhwanul Muslimin")),
    q("mesir", "en", "how", "According to Abdel Futuh, how did the NDP and Mubarak deal with potential challengers?", "NDP dan Mubarak", "mencegah dengan segala cara munculnya saingan yang mengancam"),

    conv(q("krakatau", "en", "when", "When did Krakatau have its great eruption?", "Mudahnya mengenalkan", "27 Agustus 1883"),
         q("krakatau", "en", "consequence", "What did the eruption cause?", "Letusan itu menimbulkan", "tsunami"),
         q("krakatau", "en", "factoid", "How many people died?", "Ketika itu", "lebih dari 36.000 jiwa"),
         q("anyer", "en", "factoid", "How much does it cost nowadays to hire a boat for 15 to 20 people from Anyer beach to Krakatau?", "Tarif sewa", "sekitar Rp 7 juta")),
    q("anyer", "id", "factoid", "Berapa biaya per orang untuk wisata sehari Anyer-Krakatau kalau termasuk makan siang?", "Jika ditambah ongkos", "Rp 500.000"),
    q("krakatau", "id", "reason", "Mengapa Gunung Krakatau mudah dikenalkan kepada wisatawan?", "Mudahnya mengenalkan"),
    q("anyer", "en", "unanswerable", "How long does the boat trip from Anyer to Krakatau take?"),

    conv(q("orangutan", "en", "statement", "What has Sabri noticed about the orangutans lately?", "Sabri, seorang pekerja"),
         q("orangutan", "en", "what-happened", "What are they doing to the trees?", "Orang utan itu menguliti", "menguliti tanaman akasia muda"),
         q("orangutan", "en", "reason", "Why does he think they do it?", "Orang utan itu menguliti", "mungkin lapar karena kawasan hutan TNK banyak yang sudah rusak")),
    q("orangutan", "id", "who-is", "Siapa Sabri?", "Sabri, seorang pekerja", "seorang pekerja hutan tanaman industri (HTI) di kawasan Menamang"),

    conv(q("tranaco", "id", "reason", "Menurut Anton Cahyono, mengapa pengusaha memilih mengimpor BBM sendiri?", "Direktur PT Tranaco", "terhindar dari ketidakpastian pasokan solar Pertamina"),
         q("tranaco", "id", "statement", "Apa keluhannya soal pasokan solar?", ["Sejak harga minyak", "Meskipun sudah mengajukan"])),
    q("tranaco", "en", "who-is", "Who is Anton Cahyono?", "Direktur PT Tranaco", "Direktur PT Tranaco"),

    q("unsyiah", "en", "reason", "Why does Darni M Daud say the declaration means so much to Unsyiah?", ["Tetapi kami tidak pernah", "Maka deklarasi ini"]),
    q("unsyiah", "id", "where-from", "Dari mana saja Unsyiah mendapat bantuan selama ini?", "Menurut Dr Darni", "berbagai negara, pemerintah, dan lembaga swadaya masyarakat"),

    # ===================== IDK-MRC paragraphs (Wikipedia) =====================
    conv(q("daendels", "en", "what-happened", "What did Daendels do after he got back to Europe?", "Sekembali Daendels"),
         q("daendels", "en", "factoid", "Where did he go to war with Napoleon's army?", "ikut tentara Napoleon", "Rusia"),
         q("daendels", "en", "reason", "Why wasn't King Willem I keen on him?", "Setelah Napoleon dikalahkan", "mantan Patriot dan tokoh revolusioner")),
    conv(q("daendels", "id", "when", "Kapan Daendels ditawari jabatan Gubernur-Jenderal di Ghana?", "pada tahun 1815", "1815"),
         q("daendels", "id", "reason", "Dia meninggal karena apa?", "Ia meninggal dunia", "malaria"),
         q("daendels", "id", "when", "Kapan?", "Ia meninggal dunia", "8 Mei 1818")),

    conv(q("paus", "en", "when", "When was Pope John Paul I found dead?", "ditemukan tewas", "29 September 1978"),
         q("paus", "en", "factoid", "How long had he been pope?", "ditemukan tewas", "33 hari"),
         q("paus", "en", "reason", "What did the Vatican say he died of?", "Vatikan melaporkan", "serangan jantung")),
    conv(q("paus", "id", "factoid", "Siapa yang sebenarnya menemukan jenazah Paus Yohanes Paulus I?", "Suster Vincenza", "Suster Vincenza"),
         q("paus", "id", "consequence", "Lalu apa akibat simpang-siurnya keterangan soal kematiannya?", "Isu-isu ini", "sejumlah teori konspirasi"),
         q("paus", "id", "what-happened", "Apakah Vatikan menyelidikinya?", "Vatikan belum")),
    q("paus", "en", "unanswerable", "Was an autopsy carried out on John Paul I?"),

    conv(q("bom", "en", "statement", "What did Einstein tell Roosevelt in his letter?", "Rencana untuk membuat bom"),
         q("bom", "en", "when", "When was that?", "Rencana untuk membuat bom", "1939"),
         q("bom", "en", "factoid", "How much money did the US government approve at first?", "Pada 1940", "6.000 dolar")),
    conv(q("bom", "id", "reason", "Kenapa bom atom pertama dijatuhkan ke Jepang, bukan ke Jerman?", "karena Jerman telah menyerah", "Jerman telah menyerah dalam Perang Dunia II"),
         q("bom", "id", "when", "Kapan itu terjadi?", "karena Jerman telah menyerah", "Agustus 1945")),
    q("bom", "id", "factoid", "Berapa total biaya proyek Manhattan pada akhirnya?", "proyek Manhattan", "dua juta dolar"),

    conv(q("yusuf", "en", "who-is", "Who was Yusuf Ronodipuro?", "adalah duta besar Indonesia", "duta besar Indonesia"),
         q("yusuf", "en", "reason", "Why is he considered a national hero?", "dianggap sebagai salah satu tokoh"),
         q("yusuf", "en", "factoid", "Which radio station was he working at then?", "dianggap sebagai salah satu tokoh", "Radio Hoso Kyoku")),
    conv(q("yusuf", "id", "factoid", "Yusuf Ronodipuro pernah jadi duta besar di negara mana saja?", "Duta Besar luar biasa", "Uruguay, Argentina, dan Chili"),
         q("yusuf", "id", "when", "Kapan RRI yang ikut dia dirikan berdiri?", "salah satu pendiri", "11 September 1945")),

    conv(q("b29", "en", "what-happened", "What happened on the night of 15/16 June 1944?", "Serangan pertama"),
         q("b29", "en", "factoid", "How many bombers were lost?", "menymbangkan sedikit kerusakan", "tujuh unit pesawat pengebom B-29"),
         q("b29", "en", "reason", "Why did the raid get so much attention back in the US?", "menymbangkan sedikit kerusakan", "diliput dengan antusias oleh media")),
    conv(q("b29", "id", "what-happened", "Apa yang terjadi pada Kenneth Wolfe setelah serangan ke Yawata?", "membebastugaskan"),
         q("b29", "id", "reason", "Kenapa dia dicopot?", "membebastugaskan", "tidak mampu membuat serangan lebih lanjut terhadap Jepang karena kekurangan stok bahan bakar di pangkalan Tiongkok"),
         q("b29", "id", "factoid", "Siapa penggantinya?", "Pengganti Wolfe", "Mayor Jenderal Curtis LeMay"),
         q("b29", "id", "who-is", "Memangnya LeMay itu siapa?", "Pengganti Wolfe", "seorang veteran serangan bom Angkatan Udara AS melawan Jerman")),
    q("b29", "en", "consequence", "How did the Japanese military respond to the Yawata raid?", "Militer Jepang mulai"),

    conv(q("tjipto", "en", "who-is", "Who was Tjipto Mangoenkoesoemo?", "adalah seorang tokoh pergerakan", "seorang tokoh pergerakan kemerdekaan Indonesia"),
         q("tjipto", "en", "where-from", "Where was he born?", "adalah seorang tokoh pergerakan", "Pecangaan, Jepara, Jawa Tengah"),
         q("tjipto", "en", "factoid", "Who were the other two members of the Tiga Serangkai?", "Bersama dengan Ernest", "Ernest Douwes Dekker dan Ki Hajar Dewantara")),
    conv(q("tjipto", "id", "reason", "Kenapa Tjipto Mangoenkoesoemo dibuang ke Belanda?", "diasingkan oleh pemerintah kolonial", "tulisan dan aktivitas politiknya"),
         q("tjipto", "id", "when", "Kapan dia pulang?", "diasingkan oleh pemerintah kolonial", "1917")),

    conv(q("israel", "en", "when", "When did Israel declare independence?", "Pada 14 Mei 1948", "14 Mei 1948"),
         q("israel", "en", "what-happened", "What followed straight after?", "Pada 14 Mei 1948", "peperangan dengan negara-negara Arab di sekitarnya"),
         q("israel", "en", "reason", "Why did the Arab states go to war?", "Pada 14 Mei 1948", "menolak rencana pembagian ini"),
         q("israel", "en", "consequence", "What did Israel gain from that war?", "Akibat perang ini pula")),
    q("israel", "id", "factoid", "Israel sudah meneken perjanjian damai dengan negara mana saja?", "perjanjian damai", "Mesir dan Yordania"),

    conv(q("soedjatmoko", "id", "what-happened", "Apa yang terjadi pada Soedjatmoko pada 1943?", "Setelah dikeluarkan"),
         q("soedjatmoko", "id", "factoid", "Setelah itu dia pindah ke mana?", "Setelah dikeluarkan", "Surakarta")),
    conv(q("soedjatmoko", "en", "reason", "Why did Soedjatmoko start criticising the government?", "semakin otoriter", "pemerintahan Presiden Soekarno semakin otoriter"),
         q("soedjatmoko", "en", "reason", "And why did he then go abroad?", "Untuk menghindari pencekalan", "Untuk menghindari pencekalan pemerintah"),
         q("soedjatmoko", "en", "factoid", "Where did he teach?", "Untuk menghindari pencekalan", "Universitas Cornell di Ithaca, New York")),
    q("soedjatmoko", "en", "reason", "What was Soedjatmoko sent to Lake Success for in 1947?", "Pada tahun 1947", "untuk mewakili Indonesia di Perserikatan Bangsa-Bangsa"),
    q("soedjatmoko", "id", "where-from", "Soedjatmoko berasal dari keluarga seperti apa?", "dilahirkan dalam keluarga bangsawan", "keluarga bangsawan"),

    conv(q("makin", "en", "how", "How were the Marines put ashore at Makin?", "didaratkan di Makin", "dari dua kapal selam, USS Nautilus dan USS Argonaut"),
         q("makin", "en", "factoid", "How many of them were there?", "didaratkan di Makin", "211 orang Marinir"),
         q("makin", "en", "factoid", "Who led them?", "didaratkan di Makin", "Kolonel vans Carlson dan Kapten James Roosevelt")),
    conv(q("makin", "id", "reason", "Apa tujuan serangan ke Makin?", "Tujuan dari serangan", "untuk membingungkan Jepang akan tujuan Amerika Serikat di Pasifik"),
         q("makin", "id", "consequence", "Tapi apa akibatnya?", "Tujuan dari serangan", "Jepang menjadi sadar akan pentingnya Kepulauan Gilbert secara strategis dan memperkuat pertahanan disana"),
         q("makin", "id", "what-happened", "Lalu apa yang terjadi pada marinir yang ditawan?", "Atol Kwajalein")),
    q("makin", "id", "factoid", "Berapa serdadu Jepang yang tewas dalam serangan Raider di Makin?", "Para Raider menewaskan", "sekitar 83 serdadu Jepang"),
    q("makin", "en", "unanswerable", "What was the name of the young officer commanding the Japanese garrison on Makin?"),

    conv(q("benediktus", "id", "how", "Bagaimana Paus Benediktus XV sampai jatuh sakit?", "merayakan Misa"),
         q("benediktus", "id", "when", "Kapan dia wafat?", "menyerah pada penyakit", "22 Januari 1922 pukul 6:00 pagi"),
         q("benediktus", "id", "factoid", "Umurnya berapa waktu itu?", "menyerah pada penyakit", "67")),
    q("benediktus", "en", "what-happened", "What was done to honour Benedict XV after his death?", "bendera dikibarkan"),
    q("benediktus", "en", "factoid", "Where was Benedict XV buried?", "gua Vatikan", "gua Vatikan"),

    conv(q("sabaruddin", "en", "who-is", "Who was Major Sabaruddin?", "Zainal Sabaruddin Nasution", "seorang pejuang kemerdekaan Indonesia"),
         q("sabaruddin", "en", "where-from", "Where was he from?", "Zainal Sabaruddin Nasution", "Kotaraja, Aceh"),
         q("sabaruddin", "en", "reason", "Why was he so feared?", "Zainal Sabaruddin Nasution", "terkenal kejam dan bengis")),
    conv(q("sabaruddin", "id", "what-happened", "Apa yang dilakukan Sabaruddin terhadap Suryo?", "mengeksekusi secara terbuka"),
         q("sabaruddin", "id", "reason", "Apa alasan sebenarnya?", ["dendam pribadi", "persaingan memperebutkan"], "dendam pribadi terkait asmara"),
         q("sabaruddin", "id", "who-is", "Suryo itu sebenarnya siapa?", "Padahal, Suryo", "sesama bekas anggota PETA")),

    conv(q("kahlo", "en", "when", "When was Frida Kahlo actually born?", "akta kelahirannya", "6 Juli 1907"),
         q("kahlo", "en", "when", "And what birth date did she give herself?", "akta kelahirannya", "7 Juli 1910"),
         q("kahlo", "en", "reason", "Why?", "revolusi Meksiko")),
    conv(q("kahlo", "id", "consequence", "Apa akibat polio yang diderita Frida Kahlo?", "mengidap polio", "kaki kanannya tampak lebih kecil dari yang lain"),
         q("kahlo", "id", "when", "Umur berapa dia terkena?", "mengidap polio", "usia enam tahun")),
    q("kahlo", "en", "factoid", "In which city did Kahlo live and die?", "Kehidupan Kahlo", "Kota Meksiko"),

    conv(q("verstraelen", "id", "reason", "Mengapa mobil yang ditumpangi Mgr. Verstraelen terbalik?", "mobil terbalik", "seekor kuda panik karena mendengar suara mobil yang jarang terdengar"),
         q("verstraelen", "id", "factoid", "Siapa yang menyetir?", "Pada waktu itu", "Pastor Johanes Bouma"),
         q("verstraelen", "id", "what-happened", "Apa yang terjadi padanya?", "terlempar keluar", "patah di tangan kirinya")),
    conv(q("verstraelen", "en", "factoid", "Where was Verstraelen heading when he was killed?", "Pada waktu itu", "seminari di Todabelu-Mataloko, Ngada"),
         q("verstraelen", "en", "factoid", "Who succeeded him?", "Leven kemudian", "Leven"),
         q("verstraelen", "en", "who-is", "And who was Leven?", "Misa Requiem", "Pro-Vikaris sekaligus Administrator Apostolik")),
    q("verstraelen", "en", "consequence", "What did his sudden death mean for the vicariate?", "Kematiannya yang mendadak"),

    conv(q("newton", "en", "statement", "What did Newton's mother say about him as a newborn?", "Newton dilahirkan secara prematur"),
         q("newton", "en", "factoid", "What was her name?", "Newton dilahirkan secara prematur", "Hannah Ayscough"),
         q("newton", "en", "what-happened", "What happened when he was three?", "Ketika Newton berumur tiga tahun")),
    conv(q("newton", "id", "reason", "Mengapa kelahiran Newton tercatat 25 Desember 1642?", "kalender Julian", "Inggris masih mengadopsi kalender Julian"),
         q("newton", "id", "where-from", "Dia lahir di mana?", "Isaac Newton dilahirkan", "Woolsthorpe-by-Colsterworth")),
    q("newton", "id", "reason", "Kenapa Newton muda membenci ibunya?", "Newton muda tidak menyukai", "karena menikahi pria tersebut"),
    q("newton", "en", "unanswerable", "Which school did Newton attend as a boy?"),

    conv(q("museveni", "id", "when", "Sejak kapan Museveni menjadi Presiden Uganda?", "Yoweri Kaguta Museveni", "29 Januari 1986"),
         q("museveni", "id", "where-from", "Dia lahir di mana?", "Yoweri Kaguta Museveni", "Ntungamo, Uganda"),
         q("museveni", "id", "consequence", "Apa akibat pemberontakan yang dia ikuti?", "Museveni terlibat", "runtuhnya rezim Milton Obote")),
    q("museveni", "en", "what-happened", "What wars was Museveni involved in before he took power?", "Museveni terlibat"),
    q("museveni", "en", "unanswerable", "How many times has Museveni been re-elected?"),

    conv(q("afganistan", "en", "how", "How did the PDPA take power in Afghanistan?", "merebut kekuasaan", "melalui Revolusi Saur"),
         q("afganistan", "en", "when", "When?", "merebut kekuasaan", "April 1978"),
         q("afganistan", "en", "what-happened", "What happened within months?", "Dalam hitungan bulan")),
    conv(q("afganistan", "id", "how", "Bagaimana Pakistan membantu para pemberontak Afganistan?", "Pemerintah Pakistan", "pusat-pusat pelatihan rahasia"),
         q("afganistan", "id", "how", "Kalau Uni Soviet?", "Pemerintah Pakistan", "mengirim ribuan penasihat militer untuk mendukung pemerintahan PDPA"),
         q("afganistan", "id", "when", "Lalu kapan Amerika mulai membantu mujahidin?", "Pada pertengahan 1979", "pertengahan 1979")),
    q("afganistan", "en", "consequence", "What did the rivalry between the Khalq and Parcham factions lead to?", "meningkatnya gesekan", "pemberhentian anggota kabinet dan penangkapan perwira militer Parchami"),

    # ===================== articles written for this set =====================
    # --- chili prices, Yogyakarta ---
    conv(q("cabai", "en", "reason", "Why have chili prices in Yogyakarta shot up?", "dipicu gagal panen"),
         q("cabai", "en", "reason", "What caused the crop failure?", "dipicu gagal panen", "hujan deras yang turun hampir setiap hari sejak akhir Desember"),
         q("cabai", "en", "consequence", "What did that do to supplies reaching the city?", "Tanaman cabai banyak", "turun hampir separuh")),
    conv(q("cabai", "id", "statement", "Apa yang diminta ketua paguyuban pedagang Beringharjo kepada Disperindag?", "Hadi Santoso, meminta"),
         q("cabai", "id", "statement", "Lalu apa jawaban Retno?", "Menanggapi permintaan itu"),
         q("cabai", "id", "factoid", "Nanti dijual berapa?", "Menanggapi permintaan itu", "Rp 60.000 per kilogram"),
         q("cabai", "id", "when", "Mulai kapan?", "Menanggapi permintaan itu", "Kamis (18/1/2024)")),
    conv(q("cabai", "en", "where-from", "Where is the chili for the market operations coming from?", "dipasok petani", "petani di Kulon Progo"),
         q("cabai", "en", "exchange", "What do the farmers get in return for selling at a fixed price?", "dipasok petani", "jaminan bahwa pemerintah daerah membeli seluruh hasil panen mereka")),
    conv(q("cabai", "id", "statement", "Apa keluhan Sumarni?", ["Sumarni (54)", "Dagangan saya"]),
         q("cabai", "id", "reason", "Kenapa dia bilang rugi dua kali?", "Dagangan saya"),
         q("cabai", "id", "who-is", "Sumarni itu siapa?", "Sumarni (54)", "pedagang cabai di Pasar Beringharjo")),
    q("cabai", "en", "factoid", "What did a kilo of red bird's-eye chili cost at Beringharjo market on Monday?", "Di Pasar Beringharjo", "Rp 92.000 per kilogram"),
    q("cabai", "id", "when", "Kapan harga cabai diperkirakan kembali normal?", "Retno memperkirakan", "akhir Februari"),
    q("cabai", "en", "consequence", "How are food stalls coping with the chili prices?", "pemilik warung makan"),
    q("cabai", "id", "who-is", "Siapa Hadi Santoso?", "Hadi Santoso, meminta", "Ketua Paguyuban Pedagang Pasar Beringharjo"),
    q("cabai", "en", "unanswerable", "How much have shallot prices risen in Yogyakarta?"),
    # topic switch: chili prices -> Semarang tidal flood (both dev)
    conv(q("cabai", "en", "factoid", "What did chili cost in Yogyakarta at the start of January?", "Di Pasar Beringharjo", "Rp 45.000 per kilogram"),
         q("rob", "en", "factoid", "Switching to the tidal flood in Semarang: how many residents were affected?", "Menurut Badan Penanggulangan", "3.400 warga"),
         q("rob", "en", "factoid", "Which neighbourhoods were hit?", "Air laut setinggi", "Kelurahan Tanjung Mas, Bandarharjo, dan Kuningan")),

    # --- tidal flood, Semarang ---
    conv(q("rob", "id", "what-happened", "Apa yang terjadi di Semarang Utara pada Rabu sore?", "Banjir rob kembali"),
         q("rob", "id", "factoid", "Setinggi apa airnya?", "Air laut setinggi", "40 hingga 70 sentimeter"),
         q("rob", "id", "factoid", "Berapa rumah yang tergenang?", "Menurut Badan Penanggulangan", "sedikitnya 1.200 rumah")),
    conv(q("rob", "id", "reason", "Apa penyebab rob di Semarang Utara menurut BMKG Maritim?", "Arief Nugroho, mengatakan", "pasang maksimum air laut yang bersamaan dengan fase bulan purnama"),
         q("rob", "id", "statement", "Apa imbauannya kepada warga?", "Pasang tertinggi"),
         q("rob", "id", "when", "Sampai kapan pasang tertinggi diperkirakan terjadi?", "Pasang tertinggi", "hingga Sabtu")),
    conv(q("rob", "en", "statement", "What did Tanjung Mas resident Slamet Riyadi ask the mayor?", ["Setiap kali lantai", "Kami minta tanggul"]),
         q("rob", "en", "statement", "How did the mayor reply?", "Hendra menjawab"),
         q("rob", "en", "when", "When is it supposed to be finished?", "Hendra menjawab", "Desember 2025"),
         q("rob", "en", "factoid", "How long will the sea wall be?", "Hendra menjawab", "3,6 kilometer")),
    conv(q("rob", "id", "consequence", "Apa dampak genangan rob terhadap akses ke Pelabuhan Tanjung Emas?", "Genangan juga memutus"),
         q("rob", "id", "factoid", "Berapa lama truk-truk itu tertahan?", "Genangan juga memutus", "lebih dari tiga jam")),
    q("rob", "en", "reason", "Why is the tidal flooding in Semarang getting worse?", "Selain pasang", "penurunan muka tanah"),
    q("rob", "id", "exchange", "Apa yang didapat pengelola kawasan industri sebagai imbalan menyumbang bahan bakar pompa?", "Bahan bakar pompa", "prioritas penyedotan di jalan akses kawasan tersebut"),
    q("rob", "en", "how", "How is the city draining the floodwater?", "Pemkot mengerahkan", "mengerahkan 12 pompa bergerak"),
    q("rob", "id", "who-is", "Siapa Arief Nugroho?", "Arief Nugroho, mengatakan", "Kepala Stasiun Meteorologi Maritim Tanjung Emas"),
    q("rob", "id", "unanswerable", "Berapa anggaran pembangunan tanggul laut di Semarang?"),

    # --- factory fire, Cikarang ---
    conv(q("pabrik", "en", "what-happened", "What happened at the plastics factory in Cikarang?", "Sebuah pabrik pengolahan plastik"),
         q("pabrik", "en", "when", "What time was the fire first spotted?", "Api pertama kali terlihat", "sekitar pukul 02.15 WIB"),
         q("pabrik", "en", "where-from", "Where did it start from?", "Api pertama kali terlihat", "gudang bahan baku")),
    conv(q("pabrik", "id", "reason", "Kenapa api di pabrik plastik itu cepat membesar?", "Api cepat membesar"),
         q("pabrik", "id", "factoid", "Siapa yang menjelaskan itu?", "Api cepat membesar", "Kepala Bidang Operasi Damkar Kabupaten Bekasi, Budi Hartono"),
         q("pabrik", "id", "reason", "Lalu menurut polisi apa pemicu kebakarannya?", "Kompol Yudi Saputra", "korsleting listrik pada panel di gudang")),
    conv(q("pabrik", "en", "statement", "What did the union leader demand from the company?", "mendesak perusahaan"),
         q("pabrik", "en", "statement", "What did the company say in response?", "Menjawab desakan itu"),
         q("pabrik", "en", "factoid", "So how much of their wages will the workers get?", "Menjawab desakan itu", "75 persen upah")),
    conv(q("pabrik", "id", "consequence", "Apa akibat kebakaran itu bagi para pekerja pabrik?", "Akibat kebakaran itu", "sekitar 300 pekerja dirumahkan sementara"),
         q("pabrik", "id", "when", "Sampai kapan?", "Akibat kebakaran itu", "hingga gudang selesai diperbaiki")),
    q("pabrik", "id", "factoid", "Berapa mobil pemadam yang dikerahkan ke pabrik plastik di Cikarang?", "mengerahkan 14 unit", "14 unit mobil pemadam"),
    q("pabrik", "en", "factoid", "How much damage did the Cikarang fire cause?", "kerugian ditaksir", "Rp 12 miliar"),
    q("pabrik", "id", "how", "Apa saja yang sudah dilakukan polisi untuk menyelidiki kebakaran itu?", "memasang garis polisi"),
    q("pabrik", "id", "who-is", "Dewi Anggraini itu siapa?", "kerugian ditaksir", "Manajer Personalia PT Sinar Polimer Jaya"),
    q("pabrik", "id", "statement", "Apa yang disampaikan Kapolsek Cikarang Barat soal kebakaran itu?", "Kompol Yudi Saputra"),
    q("pabrik", "en", "unanswerable", "Was the Sinar Polimer Jaya factory insured?"),

    # --- corruption verdict, Makassar ---
    conv(q("vonis", "id", "factoid", "Berapa tahun hukuman penjara untuk Syamsul Bahri?", "menjatuhkan vonis", "enam tahun penjara"),
         q("vonis", "id", "factoid", "Jaksa menuntut berapa?", "lebih ringan daripada tuntutan", "delapan tahun penjara"),
         q("vonis", "id", "reason", "Kenapa vonisnya lebih ringan?", "hal yang meringankan")),
    conv(q("vonis", "en", "statement", "What did Syamsul Bahri's lawyer tell reporters after the verdict?", "Fadli Rahman, mengatakan"),
         q("vonis", "en", "reason", "On what grounds?", "Klien kami hanya"),
         q("vonis", "en", "statement", "And how did the prosecutor respond?", "Irwan Saleh, menanggapi")),
    conv(q("vonis", "en", "how", "How exactly did the former public works chief cheat on the bridge project?", "Ia dinyatakan terbukti", "mengurangi volume pekerjaan proyek"),
         q("vonis", "en", "factoid", "How much did the state lose?", "Ia dinyatakan terbukti", "Rp 4,3 miliar"),
         q("vonis", "en", "statement", "What did the presiding judge say about the bridge?", ["hal yang memberatkan", "Jembatan itu sudah retak"])),
    conv(q("vonis", "id", "exchange", "Apa imbalan yang didapat Hendra Wijaya karena bersedia jadi justice collaborator?", "justice collaborator", "tuntutan yang lebih ringan"),
         q("vonis", "id", "when", "Kapan dia akan divonis?", "Hendra dijadwalkan", "pekan depan")),
    q("vonis", "en", "who-is", "Who is Ratna Dewi Lestari?", "hal yang memberatkan", "Ketua majelis hakim"),
    q("vonis", "id", "when", "Kapan Syamsul Bahri divonis?", "menjatuhkan vonis", "Kamis (8/8/2024)"),
    q("vonis", "en", "factoid", "How big a fine did Syamsul get?", "membayar denda", "Rp 500 juta"),
    q("vonis", "id", "unanswerable", "Di lapas mana Syamsul Bahri akan menjalani hukumannya?"),

    # --- football transfer ---
    conv(q("transfer", "en", "statement", "What did coach Marcos Oliveira say about Yohanes Lado?", ["Marcos Oliveira, mengatakan", "Dia cepat"]),
         q("transfer", "en", "statement", "How did Yohanes respond to the praise?", "Yohanes membalas"),
         q("transfer", "en", "reason", "Why did he want to come back to NTT?", "memilih pulang ke NTT", "ingin lebih dekat dengan keluarganya")),
    conv(q("transfer", "id", "exchange", "Apa yang diterima Garuda Muda sebagai imbalan melepas Yohanes Lado?", ["sumber di klub", "Sebagai imbalan"]),
         q("transfer", "id", "who-is", "Rizky Mahendra itu siapa?", "Sebagai imbalan", "gelandang Bintang Timur"),
         q("transfer", "id", "factoid", "Berapa lama dia dipinjamkan?", "Sebagai imbalan", "selama satu musim")),
    conv(q("transfer", "en", "where-from", "Where is Yohanes Lado from?", "yang lahir di Atambua", "Atambua, Nusa Tenggara Timur"),
         q("transfer", "en", "factoid", "How many goals did he score last season?", "yang lahir di Atambua", "14 gol"),
         q("transfer", "en", "when", "When is he expected to make his debut?", "dijadwalkan menjalani debut", "10 Agustus mendatang")),
    conv(q("transfer", "id", "statement", "Apa kata presiden Garuda Muda soal kepergian Yohanes?", "Bambang Sutrisno"),
         q("transfer", "id", "factoid", "Siapa namanya?", "Bambang Sutrisno", "Bambang Sutrisno")),
    q("transfer", "id", "factoid", "Berapa lama Yohanes Lado dikontrak Bintang Timur FC?", "dikontrak selama", "tiga musim"),
    q("transfer", "en", "exchange", "What did Bintang Timur give up to land Yohanes Lado?", ["sumber di klub", "Sebagai imbalan"]),
    q("transfer", "id", "factoid", "Siapa lawan Bintang Timur FC di pekan pertama Liga 1?", "dijadwalkan menjalani debut", "Laskar Borneo FC"),
    q("transfer", "en", "unanswerable", "What is Yohanes Lado's salary at Bintang Timur?"),

    # --- Mount Kelud alert ---
    conv(q("kelud", "en", "what-happened", "What did PVMBG do about Mount Kelud on Sunday?", "menaikkan status Gunung Kelud"),
         q("kelud", "en", "reason", "Why?", "Kenaikan status itu"),
         q("kelud", "en", "statement", "What does the PVMBG chief say that means?", "Peningkatan gempa vulkanik"),
         q("kelud", "en", "statement", "And what did he ask residents to do?", "Ia meminta warga", "tidak beraktivitas dalam radius 5 kilometer dari kawah")),
    conv(q("kelud", "id", "factoid", "Berapa warga yang diungsikan setelah status Gunung Kelud naik?", "mengungsikan sekitar", "sekitar 2.400 warga"),
         q("kelud", "id", "where-from", "Mereka dari desa mana?", "mengungsikan sekitar", "Desa Sugihwaras dan Desa Sempu, Kecamatan Ngancar"),
         q("kelud", "id", "reason", "Kenapa harus diungsikan malam itu juga?", "Agus Setiawan, mengatakan")),
    conv(q("kelud", "id", "statement", "Apa yang dikatakan Suyatno kepada Bupati Kediri?", "Sapi saya ada empat"),
         q("kelud", "id", "statement", "Bagaimana tanggapan bupati?", "Menanggapi keluhan itu"),
         q("kelud", "id", "factoid", "Siapa nama bupatinya?", "Agus Setiawan, mengatakan", "Agus Setiawan")),
    conv(q("kelud", "en", "when", "When did Kelud last erupt?", "Letusan terakhir", "Februari 2014"),
         q("kelud", "en", "factoid", "How far did its ash reach?", "Letusan terakhir", "Yogyakarta")),
    q("kelud", "en", "factoid", "How hot is Kelud's crater lake now?", "Suhu air danau", "41 derajat Celsius"),
    q("kelud", "en", "reason", "Why did some villagers refuse to evacuate at first?", "Sebagian warga sempat menolak"),
    q("kelud", "en", "how", "How will the villagers' livestock be evacuated?", "Menanggapi keluhan itu", "kandang sementara di lapangan Kecamatan Ngancar"),
    q("kelud", "id", "when", "Pukul berapa status Gunung Kelud dinaikkan?", "menaikkan status Gunung Kelud", "pukul 18.00 WIB"),
    q("kelud", "id", "unanswerable", "Berapa tinggi kolom abu Gunung Kelud saat ini?"),

    # --- ride-hailing strike, Medan ---
    conv(q("ojol", "en", "what-happened", "What did Medan's ride-hailing drivers do on Wednesday?", "Sekitar 3.000 pengemudi"),
         q("ojol", "en", "factoid", "What are they demanding?", "Mereka menuntut", "menurunkan potongan komisi dari 20 persen menjadi 10 persen"),
         q("ojol", "en", "statement", "What did their coordinator say about their earnings?", "Dengan potongan 20 persen")),
    conv(q("ojol", "id", "statement", "Apa yang disampaikan perwakilan RodaKita kepada para pengemudi?", "Maya Kartika, mengatakan"),
         q("ojol", "id", "statement", "Lalu apa balasan Rudi?", "Rudi membalas")),
    conv(q("ojol", "en", "statement", "What did Benny Simanjuntak promise the protesters?", "Benny Simanjuntak, menemui"),
         q("ojol", "en", "exchange", "So what did the drivers get in return for calling off the strike?", "sepakat menghentikan mogok", "janji DPRD untuk melibatkan perwakilan mereka dalam rapat tersebut"),
         q("ojol", "en", "statement", "What did Rudi warn him?", "Rudi mengingatkan Benny")),
    conv(q("ojol", "id", "consequence", "Apa dampak mogok ojol bagi warga Medan?", "Akibat aksi mogok"),
         q("ojol", "id", "factoid", "Memangnya berapa banyak pengemudi yang ikut mogok?", "Sekitar 3.000 pengemudi", "Sekitar 3.000 pengemudi ojek daring")),
    q("ojol", "id", "who-is", "Siapa Rudi Sitompul?", "Dengan potongan 20 persen", "koordinator aksi"),
    q("ojol", "en", "when", "When is the hearing with the app company?", "Benny Simanjuntak, menemui", "Senin pekan depan"),
    q("ojol", "id", "reason", "Mengapa pengemudi ojol di Medan merasa potongan 20 persen terlalu berat?", "Menurut Rudi, harga bensin"),
    q("ojol", "en", "unanswerable", "Did drivers in other cities join the Medan strike?"),
    # topic switch: Medan strike -> Selayar boat sinking (both test)
    conv(q("ojol", "id", "factoid", "Perusahaan aplikasi mana yang diprotes pengemudi ojol di Medan?", "Maya Kartika, mengatakan", "RodaKita"),
         q("kapal", "id", "factoid", "Ganti topik: berapa korban meninggal dalam tenggelamnya KM Sinar Harapan di Selayar?", "Andi Sultan, mengatakan", "dua penumpang"),
         q("kapal", "id", "factoid", "Siapa yang paling banyak menolong korban?", "Sebagian besar korban selamat", "nelayan setempat")),

    # --- water rationing, Balikpapan ---
    conv(q("air", "en", "reason", "Why has Balikpapan started rationing water?", "Kebijakan itu diambil"),
         q("air", "en", "factoid", "How far has the reservoir dropped?", "Kebijakan itu diambil", "1,8 meter di bawah batas normal"),
         q("air", "en", "consequence", "What would happen if they didn't ration now?", "Kalau tidak digilir", "cadangan air baku diperkirakan habis dalam tiga minggu")),
    conv(q("air", "id", "statement", "Apa imbauan Wali Kota Balikpapan kepada warga?", "Darmawan Saleh, meminta"),
         q("air", "id", "statement", "Apa lagi katanya?", ["Ini bukan kemauan kami", "Saya minta warga bersabar"]),
         q("air", "id", "statement", "Lalu apa perintahnya kepada PDAM?", "memerintahkan PDAM")),
    conv(q("air", "id", "factoid", "Berapa pelanggan yang terkena penggiliran air?", "Rahmat Hidayat, mengatakan", "sekitar 60.000 pelanggan"),
         q("air", "id", "factoid", "Seberapa sering air mereka mengalir?", "Rahmat Hidayat, mengatakan", "dua hari sekali"),
         q("air", "id", "when", "Sampai kapan penggiliran ini berlaku?", "Menjawab pertanyaan wartawan", "saat musim hujan pada November")),
    conv(q("air", "id", "how", "Bagaimana warga Manggar mendapat air selama giliran?", "Nurhayati (38)", "membeli air tangki"),
         q("air", "id", "factoid", "Harganya berapa?", "Nurhayati (38)", "Rp 150.000 per 1.200 liter")),
    q("air", "id", "who-is", "Rahmat Hidayat itu siapa?", "Rahmat Hidayat, mengatakan", "Direktur Utama PDAM Tirta Teluk"),
    q("air", "en", "statement", "What are Balikpapan residents complaining about?", "Warga mengeluhkan"),
    q("air", "id", "when", "Kapan penggiliran air di Balikpapan mulai berlaku?", "mulai memberlakukan", "Senin (9/9/2024)"),
    q("air", "en", "unanswerable", "How many tanker trucks has Balikpapan sent out?"),

    # --- boat sinking, Selayar ---
    conv(q("kapal", "id", "what-happened", "Apa yang terjadi pada KM Sinar Harapan?", "tenggelam di perairan"),
         q("kapal", "id", "reason", "Kenapa kapal itu terbalik?", "Menurut dia, kapal terbalik"),
         q("kapal", "id", "factoid", "Berapa orang yang masih dicari?", "Andi Sultan, mengatakan", "lima orang")),
    conv(q("kapal", "id", "where-from", "KM Sinar Harapan berlayar dari mana?", "Kapal kayu itu", "Pelabuhan Benteng"),
         q("kapal", "id", "factoid", "Penumpangnya berapa orang?", "Kapal kayu itu", "42 penumpang"),
         q("kapal", "id", "factoid", "Padahal izinnya untuk berapa penumpang?", "hanya memiliki izin", "30 penumpang")),
    conv(q("kapal", "en", "statement", "What did survivor Hasnah say about the life jackets?", ["Hasnah (35)", "Pelampungnya diikat"]),
         q("kapal", "en", "where-from", "Where is she from?", "Hasnah (35)", "Pulau Jampea")),
    conv(q("kapal", "id", "statement", "Apa kata Kepala Kantor SAR Makassar soal peringatan cuaca?", "Peringatan cuaca buruk"),
         q("kapal", "id", "what-happened", "Lalu polisi berbuat apa terhadap nakhodanya?", "menahan nakhoda", "menahan nakhoda kapal berinisial MR"),
         q("kapal", "id", "reason", "Kenapa?", "menahan nakhoda", "dugaan kelebihan muatan")),
    q("kapal", "en", "how", "How were most of the survivors rescued?", "Sebagian besar korban selamat", "dievakuasi oleh nelayan setempat"),
    q("kapal", "id", "when", "Kapan pencarian korban hilang KM Sinar Harapan dilanjutkan?", "Pencarian lima korban", "Minggu pagi"),
    q("kapal", "en", "how", "How are rescuers searching for the missing?", "Pencarian lima korban", "dua kapal SAR dan sebuah helikopter"),
    q("kapal", "id", "when", "Pukul berapa KM Sinar Harapan tenggelam?", "tenggelam di perairan", "sekitar pukul 10.40 Wita"),
    q("kapal", "en", "unanswerable", "Who owns the KM Sinar Harapan?"),

    # --- dengue outbreak, Kupang ---
    conv(q("dbd", "en", "what-happened", "What did Kupang's city government declare?", "menetapkan status kejadian luar biasa"),
         q("dbd", "en", "factoid", "How many dengue cases have there been?", "mencatat 214 kasus", "214 kasus DBD"),
         q("dbd", "en", "factoid", "How many died?", "mencatat 214 kasus", "empat")),
    conv(q("dbd", "id", "statement", "Apa kritik Yosef Nalle terhadap pemkot?", ["Yosef Nalle, mengkritik", "Kasus sudah naik"]),
         q("dbd", "id", "statement", "Apa jawaban Kepala Dinas Kesehatan?", "Menanggapi kritik itu"),
         q("dbd", "id", "who-is", "Yosef itu anggota apa?", "Yosef Nalle, mengkritik", "Anggota DPRD Kota Kupang")),
    conv(q("dbd", "en", "reason", "What's behind the surge in dengue cases, according to the health chief?", "lonjakan kasus disebabkan"),
         q("dbd", "en", "statement", "What does she tell residents to do?", ["Jangan hanya menunggu", "Yang paling penting"])),
    conv(q("dbd", "id", "consequence", "Apa gunanya status KLB bagi pemkot Kupang?", "Status KLB memungkinkan"),
         q("dbd", "id", "what-happened", "Bagaimana kondisi di RSUD Kota Kupang?", "dirawat di lorong"),
         q("dbd", "id", "reason", "Kenapa sampai begitu?", "dirawat di lorong", "seluruh ruang perawatan anak sudah penuh")),
    q("dbd", "en", "factoid", "How many neighbourhoods in Kupang are to be fogged?", "Pemkot menargetkan", "51 kelurahan"),
    q("dbd", "id", "factoid", "Dibanding tahun lalu, seberapa besar kenaikan kasus DBD di Kupang?", "Jumlah itu hampir", "hampir tiga kali lipat"),
    q("dbd", "id", "exchange", "Apa imbalan yang diterima kader jumantik di Kupang?", "kader juru pemantau jentik", "insentif Rp 500.000 per bulan"),
    q("dbd", "id", "when", "Kapan status KLB DBD di Kota Kupang ditetapkan?", "menetapkan status kejadian luar biasa", "Jumat (16/2/2024)"),
    q("dbd", "en", "unanswerable", "How many dengue vaccine doses has Kupang ordered?"),

    # ===================== follow-ups the article does not answer (added later) =====================
    # A conversation stays with its article; these measure what that costs when the article is
    # silent: the answerer should abstain, not quote the nearest sentence of the article.
    conv(q("cabai", "id", "factoid", "Berapa harga cabai rawit merah di Pasar Beringharjo?", "Di Pasar Beringharjo, Senin", "Rp 92.000 per kilogram"),
         q("cabai", "id", "unanswerable", "Kalau harga bawang merahnya berapa?")),
    conv(q("cabai", "en", "where-from", "Where will the chillies for the market operation come from?", "Cabai untuk operasi pasar dipasok", "Kulon Progo"),
         q("cabai", "en", "unanswerable", "How many tonnes will the farmers supply?")),
    conv(q("air", "en", "reason", "Why did the water company in Balikpapan start rationing water?", "Kebijakan itu diambil karena"),
         q("air", "en", "unanswerable", "How much money has the company lost because of it?")),
    conv(q("air", "id", "factoid", "Berapa harga air tangki yang dibeli Nurhayati?", "Nurhayati (38)", "Rp 150.000"),
         q("air", "id", "unanswerable", "Sudah berapa truk tangki gratis yang dikirim?")),
    conv(q("pabrik", "id", "when", "Kapan pabrik plastik di Cikarang itu terbakar?", "Sebuah pabrik pengolahan plastik", "Selasa (5/3/2024)"),
         q("pabrik", "id", "unanswerable", "Siapa pemilik perusahaannya?")),
    conv(q("pabrik", "en", "factoid", "How many fire engines were sent to the factory fire?", "Dinas Pemadam Kebakaran Kabupaten Bekasi", "14 unit"),
         q("pabrik", "en", "unanswerable", "Was the factory insured?")),
    conv(q("kapal", "en", "factoid", "How many passengers was the boat carrying?", "Kapal kayu itu mengangkut", "42 penumpang"),
         q("kapal", "en", "unanswerable", "What were the names of the two who died?")),
    conv(q("kapal", "id", "reason", "Kenapa kapal itu terbalik?", "Menurut dia, kapal terbalik"),
         q("kapal", "id", "unanswerable", "Berapa umur kapal itu?")),
]


def sentences(art):
    if art in OWN:
        return [s for para in OWN[art][2] for s in para]
    return EXT[art][1]


def doc_id(art):
    return OWN[art][0] if art in OWN else EXT[art][0]


def resolve(art, frag):
    hits = [s for s in sentences(art) if frag in s]
    assert len(hits) == 1, (art, frag, len(hits))
    return hits[0]


def main():
    split_of = {a: "dev" for a in DEV}
    split_of.update({a: "test" for a in TEST})
    assert not set(DEV) & set(TEST)
    assert set(split_of) == set(OWN) | set(EXT), set(OWN) | set(EXT) ^ set(split_of)

    with open(os.path.join(HERE, "articles.jsonl"), "w", encoding="utf-8") as f:
        for art, (did, title, paras) in OWN.items():
            text = "\n\n".join(" ".join(p) for p in paras)
            f.write(json.dumps({"doc_id": did, "title": title, "text": text}, ensure_ascii=False) + "\n")

    rows, n, c = [], 0, 0
    for item in ITEMS:
        turns = item if isinstance(item, list) else [item]
        conv_id = None
        if isinstance(item, list):
            assert 2 <= len(item) <= 4
            c += 1
            conv_id = "conv-%03d" % c
        first_split = split_of[turns[0]["art"]]
        for i, t in enumerate(turns, 1):
            n += 1
            gold = [resolve(t["art"], g) for g in t["gold"]]
            if t["kind"] == "unanswerable":
                assert not gold and t["span"] is None
            else:
                assert gold, t["question"]
            if t["span"] is not None:
                assert any(t["span"] in g for g in gold), (t["question"], t["span"])
            assert split_of[t["art"]] == first_split, t["question"]
            rows.append({"id": "nat-%04d" % n, "doc_id": doc_id(t["art"]), "language": t["language"],
                         "kind": t["kind"], "question": t["question"], "gold_sentences": gold,
                         "gold_span": t["span"], "conversation": conv_id,
                         "turn": i if conv_id else 1, "split": first_split})
    with open(os.path.join(HERE, "questions.jsonl"), "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print("wrote %d questions, %d conversations, %d own articles" % (len(rows), c, len(OWN)))


if __name__ == "__main__":
    main()
