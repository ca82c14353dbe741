"""Comment vocabulary for the demo: templates by kind, recurring issues, slang and spam tricks.

Written for the demo only, on purpose separate from any labelled training data.
"""

from __future__ import annotations

ADDRESS = ("min", "mimin", "admin", "kak min", "bang min", "pak", "bu", "minn", "sob", "")
EMOJI = ("🙏", "😭", "😡", "🔥", "👍", "😂", "🤣", "💪", "😤", "🥲", "👏", "❤️", "😅", "🙄", "😠",
         "😢", "✅", "🤦", "🤔", "😍")

QUESTION = (
    "{a} kapan {thing} di {kel} dikerjain?",
    "{a} ini berlaku buat warga {wil} juga gak?",
    "{a} daftarnya dimana ya? link nya mana",
    "Maaf {a} mau tanya, syaratnya apa aja?",
    "{a} kalo mau lapor {thing} ke nomor berapa?",
    "infoin dong {a} jadwal buat wilayah {kel}",
    "Apakah sudah ada info terbaru untuk {kel}, {a}?",
    "{a} tolong dijawab, kok aku belum dapet info apa2 ya",
    "ini yang di {jalan} juga termasuk {a}?",
    "bisa diwakilkan gak {a}?",
    "{a} jam berapa aja layanannya buka?",
    "Izin bertanya {a}, untuk KTP luar Jakarta bisa ikut?",
    "lokasi posko terdekat dari {kel} dimana ya {a}",
    "{a} ini gratis kan? soalnya ada yg minta bayaran",
)
COMPLAINT = (
    "{a} {thing} di {kel} udah {n} hari belum ada tindakan",
    "tolong {a} {thing} di {jalan} parah banget, tiap hujan pasti begini",
    "udah lapor lewat JAKI dari minggu lalu tapi statusnya masih 'diproses' terus",
    "{a} sampah di pinggir kali {sungai} numpuk, bau banget",
    "Pompa di {kel} kok gak nyala pas hujan kemarin? warga pada angkat barang sendiri",
    "{a} lampu jalan di {jalan} mati semua, rawan begal",
    "antre di puskesmas {kel} dari jam 6 baru dipanggil jam 11",
    "saluran air depan rumah mampet {a}, udah lapor RT tapi dilempar ke kelurahan",
    "bus {rute} datangnya lama bener, nunggu 40 menit",
    "{a} jalan berlubang di {jalan} udah makan korban, kapan ditambal?",
)
URGENT = (
    "{a} TOLONG air sudah masuk rumah di {kel}, sudah selutut!!",
    "air sudah masuk rumah {a}, ada lansia di rumah gak bisa keluar, {kel} RT 0{n}",
    "pohon tumbang menutup jalan di {jalan}, ada motor ketimpa {a} tolong cepat",
    "{a} tanggul kali {sungai} di {kel} rembes, airnya makin deras, tolong dicek sekarang",
    "darurat {a}, ada warga terjebak banjir di {kel} belum dievakuasi",
    "kabel listrik putus kena banjir di {kel}, bahaya {a} tolong kirim petugas",
    "{a} pintu air {kel} meluap, warga udah naik ke lantai 2",
)
CRITICISM = (
    "Tiap tahun banjir terus, anggarannya kemana aja?",
    "bikin konten doang jago, kerjanya mana",
    "foto-foto terus, warga {kel} masih kebanjiran",
    "normalisasi cuma janji kampanye",
    "ini program bagus tapi pelaksanaannya kacau, sosialisasinya kurang",
    "kenapa jalan yg masih bagus dibongkar, yg rusak dibiarin",
    "pajak naik terus, pelayanan gitu2 aja",
    "kalau mau serius ya turun ke {kel}, jangan cuma ke tempat yg bagus",
    "pencitraan aja ini mah",
    "sudah lapor berkali-kali tidak ada tanggapan. percuma ada JAKI",
)
SARCASM = (
    "Mantap {a}, banjirnya makin tinggi tiap tahun, prestasi 👏👏",
    "wah hebat ya, jalan baru diaspal seminggu udah bolong lagi. kualitas premium 👍",
    "keren banget pelayanannya, antre 5 jam cuma buat dibilang blanko habis 😂",
    "terima kasih {a} sudah bikin warga {kel} jago berenang 🙏",
    "luar biasa, tiap hujan 10 menit langsung jadi kolam renang gratis 🤣",
    "prestasi tahun ini: konten makin estetik, kali makin kotor 👏",
)
INSULT = (
    "dasar pejabat makan gaji buta",
    "otak udang semua yang ngurus {thing}",
    "goblok ngurus banjir aja gak becus",
    "admin nya bego ditanya gak pernah jawab",
    "bodoh banget kebijakannya, yang bikin gak pernah naik angkot kali",
    "kerja kaya siput, tolol",
    "sampah semua pejabatnya",
)
THREAT = (
    "awas aja kalo besok masih banjir, kantor lu gue datengin",
    "bakar aja kantornya biar pada ngerasain",
    "tunggu aja tanggal mainnya, kita warga {kel} geruduk balai kota",
    "kalo masih gini terus jangan salahin warga kalo ada yg ngamuk di kelurahan",
    "gue cari rumah kadisnya, biar tau rasanya kebanjiran",
)
PRAISE = (
    "Terima kasih {a}, petugasnya sigap banget tadi malam di {kel} 🙏",
    "mantap, pompa di {kel} langsung jalan, air cepet surut",
    "makasih infonya {a}, sangat membantu",
    "keren petugas lapangan, semangat terus! 💪",
    "alhamdulillah jalan depan rumah udah mulus, makasih {a}",
    "salut sama pasukan biru, hujan-hujan tetap kerja",
    "pelayanan di puskesmas {kel} sekarang cepet, top",
    "informatif banget, lanjutkan {a}",
    "Semoga sehat selalu petugas di lapangan 🙏",
)
CHATTER = (
    "hadir {a}",
    "pertamax",
    "lewat beranda",
    "{at} ini nih yg kemarin kita omongin",
    "{at} liat nih",
    "wkwkwk",
    "nyimak",
    "semangat semua",
    "jakarta oh jakarta",
    "{at} tuh rumah lu kena ga?",
    "aamiin",
    "ya ampun",
    "first",
    "{at} {at}",
    "hujan lagi hujan lagi",
    "seru juga liat prosesnya",
)
THINGS = ("genangan", "jalan rusak", "saluran air", "pompa", "sampah", "tanggul", "pohon",
          "lampu jalan", "trotoar", "KJP", "BPJS")

# The same question or complaint, worded many ways: it bursts under posts of its topic.
ISSUES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "pompa_mati": (("banjir",), (
        "pompa di {kel} mati lagi ya {a}?", "{a} pompa {kel} kok gak nyala", "pompanya rusak apa gimana min, {kel} tergenang",
        "kenapa pompa {kel} gak dinyalain {a}", "{a} rumah pompa {kel} gak ada petugasnya", "pompa {kel} kapan diperbaiki sih",
        "POMPA {kel} MATI {a}!!", "tiap hujan pompa di {kel} pasti mati")),
    "normalisasi": (("banjir", "lingkungan", "kegiatan_gubernur"), (
        "kapan normalisasi kali {sungai} dilanjut {a}?", "normalisasi {sungai} jadinya kapan", "{a} {sungai} kapan dinormalisasi, udah janji dari dulu",
        "lanjutin dong normalisasi kali {sungai}", "progres normalisasi {sungai} gimana {a}?", "normalisasi mangkrak ya {a}?")),
    "kjp_cair": (("bansos",), (
        "KJP Plus kapan cair {a}?", "{a} kjp tahap ini udah cair belum", "kjp anak saya belum masuk {a}", "min kjp kapan cairnya?",
        "KJP kok belum cair juga {a} 🙏", "udah tgl segini kjp blm cair", "kapan kjp cair min, buat bayar sekolah")),
    "blanko_ktp": (("adminduk",), (
        "blanko KTP di kelurahan {kel} kosong terus {a}", "{a} katanya blanko aman, di {kel} bilang habis", "ktp udah 3 bulan belum jadi alasannya blanko",
        "blanko ktp kosong lagi di {kel}", "{a} gimana nih blanko ktp habis terus")),
    "jalan_lubang": (("jalan",), (
        "jalan berlubang di {jalan} bahaya banget {a}", "{jalan} banyak lubang, kapan ditambal?", "tolong {a} {jalan} bolong2 udah ada yg jatuh",
        "{a} lubang di {jalan} makin gede", "{jalan} kaya kubangan kerbau")),
    "bus_lama": (("transportasi",), (
        "bus {rute} lama banget datengnya {a}", "{a} headway {rute} kok makin lama", "nunggu bus {rute} setengah jam lebih",
        "tambahin armada {rute} dong {a}", "{rute} jam pulang kantor penuh parah")),
    "puskesmas_antre": (("kesehatan",), (
        "antre di puskesmas {kel} lama banget {a}", "{a} daftar online tetep aja antre lama di {kel}", "puskesmas {kel} dokternya cuma satu",
        "kenapa antrean puskesmas {kel} gak dibenahi {a}")),
    "pemutihan": (("pajak",), (
        "pemutihan pajak kendaraan ada lagi gak tahun ini {a}?", "{a} pemutihan pkb diperpanjang gak?", "ada diskon pajak lagi gak min",
        "kapan pemutihan lagi {a}, mau bayar pajak motor", "{a} pemutihan berlaku buat motor luar jakarta?")),
}
OFFICIAL_REPLIES = (
    "Terima kasih laporannya, Sahabat. Sudah kami teruskan ke petugas di lapangan 🙏",
    "Halo, mohon kirimkan lokasi lengkap melalui DM atau aplikasi JAKI agar segera kami tindak lanjuti.",
    "Terima kasih atas masukannya. Tim kami sedang menuju lokasi.",
    "Informasi lengkap dapat dilihat di tautan pada bio ya. Terima kasih 🙏",
    "Mohon maaf atas ketidaknyamanannya. Aduan sudah kami catat dan akan segera ditangani.",
    "Untuk kondisi darurat silakan hubungi 112 (gratis, 24 jam).",
)

# Slang, Betawi and chat spellings: standard word -> variants.
SLANG: dict[str, tuple[str, ...]] = {
    "tidak": ("gak", "ga", "nggak", "kagak", "gk", "tdk"), "gak": ("ga", "kagak", "gk", "nggak"),
    "sudah": ("udah", "udh", "dah", "sdh"), "udah": ("udh", "dah", "udeh"),
    "saya": ("gue", "aku", "sy", "aye", "gw"), "kenapa": ("knp", "napa", "kenape"),
    "bagaimana": ("gimana", "gmn", "gimane"), "yang": ("yg", "nyang"), "banget": ("bgt", "bener dah", "pisan"),
    "terima kasih": ("makasih", "mksh", "trims", "tengkyu"), "belum": ("blm", "belom"),
    "dengan": ("dgn", "ama"), "sama": ("ama", "sm"), "tolong": ("tlg", "tolongin"),
    "kapan": ("kpn", "kapan nih"), "rumah": ("rmh", "rumeh"), "lagi": ("lg", "lagee"),
    "bisa": ("bs", "bisa kagak"), "apa": ("ape", "apaan"), "kamu": ("lu", "lo", "ente"),
}

# Judi online spam: a fictional site name, a bait, and an obfuscated call to action.
SPAM_SITES = ("GACORJP77", "MAXWIN88", "RAJAKOI99", "HOKI303", "ZEUSMPO", "SULTAN4D", "PETIR88",
              "BOSJP55", "DEWASLOT9", "NAGA303")
SPAM_BAIT = (
    "sl0t gac0r hari ini", "JP MAXWIN", "d4n4 123 langsung cair", "bonus new member 100%", "WD lancar jaya",
    "depo 10k jadi 2jt", "pola gacor malam ini", "modal receh auto sultan", "rtp live 98%", "anti rungkad",
    "sekali spin langsung jepe", "gampang menang bosku",
)
SPAM_CTA = (
    "cek bio", "klik profil", "langsung aja ke {site}", "cari di gugel {site}", "w w w . {site} . c o m",
    "bit . ly / {site}", "{site} (dot) com", "link di bio ya bosku", "wa 0812 {n}{n}{n}{n} {n}{n}{n}{n}",
)

# Openers, closers and emoji by kind: combined with the templates they multiply the wordings.
OPENERS = {
    "question": ("", "", "permisi", "halo admin,", "Assalamualaikum min,", "mau nanya nih", "pagi min,", "maaf ganggu,"),
    "complaint": ("", "", "min,", "tolong dong", "sudah kesekian kali,", "Pak Gub,", "halo, warga sini mau lapor:"),
    "urgent": ("", "", "TOLONG!!", "darurat!", "min cepetan", "SOS"),
    "criticism": ("", "", "jujur aja,", "maaf nih ya,", "kritik membangun:", "Pak Gub,", "hmm,"),
    "sarcasm": ("", "", "wah", "waduh", "hebat,"),
    "praise": ("", "", "wah", "alhamdulillah,", "mantul,", "nah gini dong,"),
    "insult": ("", "", "heh", "woi"),
    "threat": ("", "", "ingat ya,", "camkan,"),
    "chatter": ("",),
}
CLOSERS = {
    "question": ("", "", "", "makasih 🙏", "mohon infonya", "ditunggu jawabannya", "thx"),
    "complaint": ("", "", "", "tolong ditindak", "gercep dong", "udah viral baru gerak?", "capek lapor terus",
                  "mohon ditindaklanjuti", "warga udah resah"),
    "urgent": ("", "", "cepat!!", "tolong segera", "kami di lantai 2 sekarang"),
    "criticism": ("", "", "", "evaluasi dong", "malu sama kota sebelah", "warga bisa nilai sendiri"),
    "sarcasm": ("", "", "lanjutkan 👍", "bangga deh"),
    "praise": ("", "", "", "sukses terus", "semoga istiqomah", "good job"),
    "insult": ("", "", "", "mending mundur aja"),
    "threat": ("", ""),
    "chatter": ("", "", "hehe"),
}
EMOJI_BY_KIND = {
    "question": ("🙏", "🤔", "😅", "🙏🙏"), "complaint": ("😤", "😡", "🥲", "😭", "🙏"),
    "urgent": ("😭", "🙏", "‼️", "😭😭"), "criticism": ("🙄", "😤", "🤦", "😒"),
    "sarcasm": ("👏", "👍", "🤣", "😂", "👏👏👏"), "insult": ("😡", "🤬", "💩"), "threat": ("😡", "🔥", "🤬"),
    "praise": ("🙏", "👍", "💪", "❤️", "👏", "😍"), "chatter": ("😂", "🤣", "😅", "👀", "🥲", "😭"),
}
