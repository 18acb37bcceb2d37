#!/usr/bin/env python3
"""Writes tests/data/script_innocents.tsv: common names written in other scripts that
are not listed, for measuring the false positives of cross-script matching.

Each name is made from common given names and surnames of its script (the lists below,
written for Interdict from general knowledge of common names, each with its usual Latin
form). A name is kept only when its Latin form does not alert with the Latin-only matcher
on the index given: a name that alerts in Latin letters is a listed name (or close to
one), not an innocent, and an alert on it in its own script is no false positive.

Usage: tools/gen_script_innocents.py --bin target/release/interdict --index OFAC_ONLY.idx
       [--index lists.idx] [--per-script 60] > tests/data/script_innocents.tsv
The file has the columns of ../shared/eval/names-dev.tsv (case_id, query, kind,
expected, variant) and scores with ../shared/tools/eval_names.py; a sixth column gives
the Latin form the name was checked with.
"""
import argparse, json, random, subprocess, sys

# (script, [(given, latin)], [(surname, latin)], joiner): joiner is the space between
# given name and surname as the script writes it; order "gs" (given first) or "sg".
A = [  # Arabic
    ("أحمد", "Ahmad"), ("خالد", "Khalid"), ("يوسف", "Yusuf"), ("كريم", "Karim"), ("طارق", "Tariq"),
    ("ماجد", "Majid"), ("فهد", "Fahd"), ("سلمان", "Salman"), ("نبيل", "Nabil"), ("سمير", "Samir"),
    ("وائل", "Wael"), ("رامي", "Rami"), ("باسل", "Basil"), ("هشام", "Hisham"), ("زياد", "Ziad"),
    ("مازن", "Mazen"), ("أنس", "Anas"), ("أيمن", "Ayman"), ("منير", "Munir"), ("عادل", "Adel"),
    ("فريد", "Farid"), ("نادر", "Nader"), ("ياسر", "Yasser"), ("هاني", "Hani"), ("عماد", "Imad"),
    ("رياض", "Riyad"), ("شادي", "Shadi"), ("غسان", "Ghassan"), ("فادي", "Fadi"), ("نزار", "Nizar"),
    ("فاطمة", "Fatima"), ("مريم", "Maryam"), ("ليلى", "Layla"), ("سارة", "Sara"), ("هدى", "Huda"),
    ("رنا", "Rana"), ("دينا", "Dina"), ("ريم", "Reem"), ("سلمى", "Salma"), ("لينا", "Lina"),
    ("ياسمين", "Yasmin"), ("أمل", "Amal"), ("منى", "Mona"), ("هبة", "Hiba"), ("رشا", "Rasha"),
    ("نادية", "Nadia"), ("سعاد", "Suad"), ("زينب", "Zainab"), ("عائشة", "Aisha"), ("نور", "Nour"),
]
A_S = [
    ("الخطيب", "al-Khatib"), ("النجار", "al-Najjar"), ("الحداد", "al-Haddad"), ("الزعبي", "al-Zoubi"),
    ("حداد", "Haddad"), ("خوري", "Khoury"), ("نصار", "Nassar"), ("سليمان", "Suleiman"), ("حمدان", "Hamdan"),
    ("عبيد", "Obeid"), ("القاسم", "al-Qasim"), ("الرفاعي", "al-Rifai"), ("البزاز", "al-Bazzaz"),
    ("الجبوري", "al-Jubouri"), ("الدليمي", "al-Dulaimi"), ("العنزي", "al-Anazi"), ("الشمري", "al-Shammari"),
    ("القحطاني", "al-Qahtani"), ("الغامدي", "al-Ghamdi"), ("العتيبي", "al-Otaibi"), ("المطيري", "al-Mutairi"),
    ("الحربي", "al-Harbi"), ("منصور", "Mansour"), ("يونس", "Younes"), ("بكري", "Bakri"), ("فرحات", "Farhat"),
    ("عزام", "Azzam"), ("درويش", "Darwish"), ("سالم", "Salem"), ("الأيوبي", "al-Ayoubi"), ("الكيلاني", "al-Kilani"),
    ("الطحان", "al-Tahhan"), ("العطار", "al-Attar"), ("الصباغ", "al-Sabbagh"), ("الحلبي", "al-Halabi"),
    ("البيطار", "al-Bitar"), ("الجزار", "al-Jazzar"), ("السقا", "al-Saqqa"), ("الفرا", "al-Farra"), ("عويضة", "Oweida"),
]
P = [  # Persian
    ("رضا", "Reza"), ("مهدی", "Mehdi"), ("امیر", "Amir"), ("سعید", "Saeed"), ("مجید", "Majid"),
    ("بهرام", "Bahram"), ("داریوش", "Dariush"), ("کاوه", "Kaveh"), ("پرویز", "Parviz"), ("فرهاد", "Farhad"),
    ("بابک", "Babak"), ("سیاوش", "Siavash"), ("نیما", "Nima"), ("آرش", "Arash"), ("زهرا", "Zahra"),
    ("نسرین", "Nasrin"), ("شیرین", "Shirin"), ("پریسا", "Parisa"), ("لیلا", "Leila"), ("مینا", "Mina"),
    ("نگار", "Negar"), ("الهام", "Elham"), ("کامبیز", "Kambiz"), ("شهرام", "Shahram"), ("پیمان", "Peyman"),
]
P_S = [
    ("محمدی", "Mohammadi"), ("احمدی", "Ahmadi"), ("رضایی", "Rezaei"), ("کریمی", "Karimi"), ("رحیمی", "Rahimi"),
    ("صادقی", "Sadeghi"), ("کاظمی", "Kazemi"), ("نوری", "Nouri"), ("اکبری", "Akbari"), ("تهرانی", "Tehrani"),
    ("شریفی", "Sharifi"), ("یزدانی", "Yazdani"), ("افشار", "Afshar"), ("نجفی", "Najafi"), ("کرمانی", "Kermani"),
    ("شیرازی", "Shirazi"), ("اصفهانی", "Esfahani"), ("بهرامی", "Bahrami"), ("فروغی", "Foroughi"), ("نیک‌نام", "Niknam"),
    ("پورمحمدی", "Pourmohammadi"), ("زمانی", "Zamani"), ("قربانی", "Ghorbani"), ("مرادی", "Moradi"), ("سلطانی", "Soltani"),
]
U = [  # Urdu and Pashto
    ("عمران", "Imran"), ("بلال", "Bilal"), ("شاہد", "Shahid"), ("ندیم", "Nadeem"), ("وسیم", "Waseem"),
    ("عاصم", "Asim"), ("کامران", "Kamran"), ("طاہر", "Tahir"), ("عارف", "Arif"), ("سلیم", "Saleem"),
    ("عائشہ", "Ayesha"), ("صائمہ", "Saima"), ("نازیہ", "Nazia"), ("رابعہ", "Rabia"), ("ثناء", "Sana"),
]
U_S = [
    ("قریشی", "Qureshi"), ("ملک", "Malik"), ("چوہدری", "Chaudhry"), ("بٹ", "Butt"), ("اعوان", "Awan"),
    ("راجپوت", "Rajput"), ("آفریدی", "Afridi"), ("درانی", "Durrani"), ("خٹک", "Khattak"), ("مرزا", "Mirza"),
    ("صدیقی", "Siddiqui"), ("انصاری", "Ansari"), ("جعفری", "Jafri"), ("گیلانی", "Gilani"), ("نقوی", "Naqvi"),
]
K_S = [("김", "Kim"), ("이", "Lee"), ("박", "Park"), ("최", "Choi"), ("정", "Jung"), ("강", "Kang"), ("조", "Cho"),
       ("윤", "Yoon"), ("장", "Jang"), ("임", "Lim"), ("한", "Han"), ("오", "Oh"), ("서", "Seo"), ("신", "Shin"),
       ("권", "Kwon"), ("황", "Hwang"), ("안", "Ahn"), ("송", "Song"), ("홍", "Hong"), ("전", "Jeon")]
K = [("민준", "Min-jun"), ("서준", "Seo-jun"), ("도윤", "Do-yun"), ("예준", "Ye-jun"), ("시우", "Si-woo"),
     ("하준", "Ha-jun"), ("지호", "Ji-ho"), ("주원", "Ju-won"), ("지후", "Ji-hu"), ("준우", "Jun-woo"),
     ("서연", "Seo-yeon"), ("서윤", "Seo-yun"), ("지우", "Ji-woo"), ("서현", "Seo-hyun"), ("민서", "Min-seo"),
     ("하은", "Ha-eun"), ("하윤", "Ha-yun"), ("윤서", "Yun-seo"), ("지민", "Ji-min"), ("채원", "Chae-won"),
     ("수빈", "Su-bin"), ("지원", "Ji-won"), ("현우", "Hyun-woo"), ("동현", "Dong-hyun"), ("성민", "Sung-min"),
     ("상훈", "Sang-hoon"), ("은지", "Eun-ji"), ("혜진", "Hye-jin"), ("유진", "Yu-jin"), ("다은", "Da-eun")]
R = [("Александр", "Aleksandr"), ("Андрей", "Andrey"), ("Дмитрий", "Dmitry"), ("Максим", "Maksim"),
     ("Иван", "Ivan"), ("Павел", "Pavel"), ("Роман", "Roman"), ("Артём", "Artyom"), ("Егор", "Yegor"),
     ("Кирилл", "Kirill"), ("Денис", "Denis"), ("Антон", "Anton"), ("Илья", "Ilya"), ("Тимур", "Timur")]
R_F = [("Наталья", "Natalya"), ("Елена", "Yelena"), ("Ольга", "Olga"), ("Татьяна", "Tatyana"), ("Ирина", "Irina"),
       ("Анна", "Anna"), ("Мария", "Mariya"), ("Светлана", "Svetlana"), ("Екатерина", "Yekaterina"), ("Юлия", "Yuliya")]
R_S = [("Смирнов", "Smirnov"), ("Кузнецов", "Kuznetsov"), ("Соколов", "Sokolov"), ("Новиков", "Novikov"),
       ("Морозов", "Morozov"), ("Лебедев", "Lebedev"), ("Егоров", "Yegorov"), ("Козлов", "Kozlov"),
       ("Степанов", "Stepanov"), ("Орлов", "Orlov"), ("Макаров", "Makarov"), ("Никитин", "Nikitin"),
       ("Захаров", "Zakharov"), ("Зайцев", "Zaytsev"), ("Борисов", "Borisov"), ("Яковлев", "Yakovlev"),
       ("Белов", "Belov"), ("Тарасов", "Tarasov"), ("Беляев", "Belyaev"), ("Комаров", "Komarov")]
UA = [("Олександр", "Oleksandr"), ("Андрій", "Andriy"), ("Тарас", "Taras"), ("Оксана", "Oksana"),
      ("Богдан", "Bohdan"), ("Олена", "Olena"), ("Юрій", "Yuriy"), ("Галина", "Halyna")]
UA_S = [("Шевченко", "Shevchenko"), ("Бондаренко", "Bondarenko"), ("Коваленко", "Kovalenko"),
        ("Ткаченко", "Tkachenko"), ("Кравченко", "Kravchenko"), ("Олійник", "Oliynyk"), ("Мельник", "Melnyk"),
        ("Поліщук", "Polishchuk"), ("Гончаренко", "Honcharenko"), ("Лисенко", "Lysenko")]
SR = [("Марко", "Marko"), ("Никола", "Nikola"), ("Јелена", "Jelena"), ("Драган", "Dragan"), ("Милица", "Milica")]
SR_S = [("Јовановић", "Jovanovic"), ("Николић", "Nikolic"), ("Марковић", "Markovic"), ("Ђорђевић", "Djordjevic"),
        ("Стојановић", "Stojanovic")]
G = [("Γιώργος", "Giorgos"), ("Γιάννης", "Giannis"), ("Κώστας", "Kostas"), ("Δημήτρης", "Dimitris"),
     ("Νίκος", "Nikos"), ("Παναγιώτης", "Panagiotis"), ("Βασίλης", "Vasilis"), ("Χρήστος", "Christos"),
     ("Μαρία", "Maria"), ("Ελένη", "Eleni"), ("Κατερίνα", "Katerina"), ("Σοφία", "Sofia"),
     ("Αγγελική", "Angeliki"), ("Δέσποινα", "Despoina"), ("Θανάσης", "Thanasis")]
G_S = [("Παπαδόπουλος", "Papadopoulos"), ("Παπαδάκης", "Papadakis"), ("Οικονόμου", "Oikonomou"),
       ("Παππάς", "Pappas"), ("Βλάχος", "Vlachos"), ("Αθανασίου", "Athanasiou"), ("Νικολάου", "Nikolaou"),
       ("Καραγιάννης", "Karagiannis"), ("Μακρής", "Makris"), ("Αντωνίου", "Antoniou"), ("Δημητρίου", "Dimitriou"),
       ("Ιωάννου", "Ioannou"), ("Κωνσταντινίδης", "Konstantinidis"), ("Χατζηδάκης", "Chatzidakis"),
       ("Λαμπράκης", "Lamprakis")]
H = [("דוד", "David"), ("משה", "Moshe"), ("יוסף", "Yosef"), ("אברהם", "Avraham"), ("יעקב", "Yaakov"),
     ("שרה", "Sara"), ("רחל", "Rachel"), ("מיכל", "Michal"), ("נועה", "Noa"), ("תמר", "Tamar"),
     ("יונתן", "Yonatan"), ("איתי", "Itai"), ("עומר", "Omer"), ("אורי", "Uri"), ("שירה", "Shira")]
H_S = [("כהן", "Cohen"), ("לוי", "Levi"), ("מזרחי", "Mizrahi"), ("פרץ", "Peretz"), ("ביטון", "Biton"),
       ("דהן", "Dahan"), ("פרידמן", "Friedman"), ("שפירא", "Shapira"), ("גולדברג", "Goldberg"),
       ("אזולאי", "Azoulay"), ("מלכה", "Malka"), ("חדד", "Hadad"), ("אוחיון", "Ohayon"), ("קפלן", "Kaplan"),
       ("רוזנברג", "Rosenberg")]
J_S = [("サトウ", "Sato"), ("スズキ", "Suzuki"), ("タカハシ", "Takahashi"), ("タナカ", "Tanaka"),
       ("ワタナベ", "Watanabe"), ("イトウ", "Ito"), ("ヤマモト", "Yamamoto"), ("ナカムラ", "Nakamura"),
       ("コバヤシ", "Kobayashi"), ("カトウ", "Kato"), ("ヨシダ", "Yoshida"), ("ヤマダ", "Yamada"),
       ("ささき", "Sasaki"), ("やまぐち", "Yamaguchi"), ("まつもと", "Matsumoto")]
J = [("ヒロシ", "Hiroshi"), ("タケシ", "Takeshi"), ("ユウキ", "Yuki"), ("ハルト", "Haruto"), ("ソウタ", "Sota"),
     ("ユイ", "Yui"), ("サクラ", "Sakura"), ("ハナ", "Hana"), ("あおい", "Aoi"), ("けんた", "Kenta"),
     ("ダイスケ", "Daisuke"), ("ナオキ", "Naoki"), ("ミホ", "Miho"), ("アヤカ", "Ayaka"), ("リョウ", "Ryo")]
C_S = [("王", "Wang"), ("李", "Li"), ("张", "Zhang"), ("刘", "Liu"), ("陈", "Chen"), ("杨", "Yang"),
       ("黄", "Huang"), ("赵", "Zhao"), ("吴", "Wu"), ("周", "Zhou"), ("徐", "Xu"), ("孙", "Sun"),
       ("马", "Ma"), ("朱", "Zhu"), ("胡", "Hu"), ("郭", "Guo"), ("何", "He"), ("林", "Lin"), ("高", "Gao"),
       ("罗", "Luo")]
C = [("秀英", "Xiuying"), ("秀兰", "Xiulan"), ("桂英", "Guiying"), ("建华", "Jianhua"), ("晓明", "Xiaoming"),
     ("海燕", "Haiyan"), ("志强", "Zhiqiang"), ("国庆", "Guoqing"), ("玉兰", "Yulan"), ("春梅", "Chunmei"),
     ("丽娟", "Lijuan"), ("俊杰", "Junjie"), ("子涵", "Zihan"), ("雨轩", "Yuxuan"), ("浩然", "Haoran"),
     ("文博", "Wenbo"), ("佳怡", "Jiayi"), ("思远", "Siyuan"), ("欣怡", "Xinyi"), ("宇航", "Yuhang")]
T = [("สมชาย", "Somchai"), ("สมศักดิ์", "Somsak"), ("ประเสริฐ", "Prasert"), ("วิชัย", "Wichai"),
     ("สุรชัย", "Surachai"), ("อนุชา", "Anucha"), ("กิตติ", "Kitti"), ("สุดา", "Suda"), ("มาลี", "Mali"),
     ("สมหญิง", "Somying"), ("วันดี", "Wandee"), ("นภา", "Napha"), ("อรุณ", "Arun"), ("ปรีชา", "Preecha")]
T_S = [("ศรีสุข", "Srisuk"), ("แก้วมณี", "Kaewmanee"), ("สุขสวัสดิ์", "Suksawat"), ("ทองดี", "Thongdee"),
       ("บุญมา", "Boonma"), ("ใจดี", "Jaidee"), ("พรหมมา", "Promma"), ("วงศ์ใหญ่", "Wongyai"),
       ("รักไทย", "Rakthai"), ("มีสุข", "Meesuk"), ("แสงทอง", "Saengthong"), ("ศรีวงศ์", "Sriwong")]
KA = [("გიორგი", "Giorgi"), ("დავით", "Davit"), ("ნიკა", "Nika"), ("ლევან", "Levan"), ("ირაკლი", "Irakli"),
      ("ნინო", "Nino"), ("მარიამ", "Mariam"), ("ანა", "Ana"), ("თამარ", "Tamar"), ("ლუკა", "Luka")]
KA_S = [("ბერიძე", "Beridze"), ("კაპანაძე", "Kapanadze"), ("გელაშვილი", "Gelashvili"), ("მაისურაძე", "Maisuradze"),
        ("გიორგაძე", "Giorgadze"), ("ლომიძე", "Lomidze"), ("წიკლაური", "Tsiklauri"), ("ბოლქვაძე", "Bolkvadze"),
        ("ნოზაძე", "Nozadze"), ("ხუციშვილი", "Khutsishvili")]
HY = [("Արամ", "Aram"), ("Դավիթ", "Davit"), ("Հայկ", "Hayk"), ("Նարեկ", "Narek"), ("Տիգրան", "Tigran"),
      ("Անի", "Ani"), ("Մարիամ", "Mariam"), ("Լուսինե", "Lusine"), ("Գոհար", "Gohar"), ("Արմեն", "Armen")]
HY_S = [("Հովհաննիսյան", "Hovhannisyan"), ("Հարությունյան", "Harutyunyan"), ("Խաչատրյան", "Khachatryan"),
        ("Գրիգորյան", "Grigoryan"), ("Պետրոսյան", "Petrosyan"), ("Մկրտչյան", "Mkrtchyan"), ("Ավագյան", "Avagyan"),
        ("Բաղդասարյան", "Baghdasaryan"), ("Վարդանյան", "Vardanyan"), ("Մարտիրոսյան", "Martirosyan")]
ORGS = [  # Arabic-script organisation names of shops and firms
    ("مطعم الياسمين", "Jasmine Restaurant"), ("مكتبة النهضة", "Al Nahda Bookshop"),
    ("شركة الأمل للمقاولات", "Al Amal Contracting Company"), ("صيدلية الشفاء", "Al Shifa Pharmacy"),
    ("مخبز الربيع", "Al Rabie Bakery"), ("فندق القصر الأبيض", "White Palace Hotel"),
    ("مؤسسة الفجر للتعليم", "Al Fajr Education Foundation"), ("شركة البحر الأزرق للسياحة", "Blue Sea Tourism Company"),
    ("معرض السلام للسيارات", "Al Salam Car Showroom"), ("مستشفى الرحمة", "Al Rahma Hospital"),
]

SETS = [
    ("ar", [(A, A_S, " ", "gs")]),
    ("fa", [(P, P_S, " ", "gs")]),
    ("ur", [(U, U_S, " ", "gs")]),
    ("ko", [(K, K_S, "", "sg"), (K, K_S, " ", "sg")]),
    ("ru", [(R, R_S, " ", "gs"), (R_F, [(s + "а", l + "a") for s, l in R_S], " ", "gs"), (R, R_S, " ", "sg")]),
    ("uk", [(UA, UA_S, " ", "gs")]),
    ("sr", [(SR, SR_S, " ", "gs")]),
    ("el", [(G, G_S, " ", "gs")]),
    ("he", [(H, H_S, " ", "gs")]),
    ("ja", [(J, J_S, " ", "sg")]),
    ("zh", [(C, C_S, "", "sg")]),
    ("th", [(T, T_S, " ", "gs")]),
    ("ka", [(KA, KA_S, " ", "gs")]),
    ("hy", [(HY, HY_S, " ", "gs")]),
]


def candidates(per_script, rng):
    for tag, recipes in SETS:
        pairs = set()
        out = []
        tries = 0
        while len(out) < per_script and tries < per_script * 50:
            tries += 1
            given, surnames, joiner, order = rng.choice(recipes)
            g, s = rng.choice(given), rng.choice(surnames)
            if (g, s, joiner, order) in pairs:
                continue
            pairs.add((g, s, joiner, order))
            name = g[0] + joiner + s[0] if order == "gs" else s[0] + joiner + g[0]
            latin = g[1] + " " + s[1] if order == "gs" else s[1] + " " + g[1]
            out.append((tag, name, latin))
        yield from out
    for name, latin in ORGS:
        yield ("ar-org", name, latin)


def alerts(binary, index, names):
    p = subprocess.run([binary, "search", "--index", index, "--json"], input="".join(n + "\n" for n in names).encode(),
                       capture_output=True, check=True)
    return [bool(json.loads(l)["alerts"]) for l in p.stdout.decode().splitlines() if l.strip()]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--index", action="append", required=True)
    ap.add_argument("--per-script", type=int, default=60)
    ap.add_argument("--seed", type=int, default=20261203)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    cands = list(candidates(a.per_script, rng))
    listed = [False] * len(cands)
    for index in a.index:
        for i, hit in enumerate(alerts(a.bin, index, [c[2] for c in cands])):
            listed[i] = listed[i] or hit
    print("case_id\tquery\tkind\texpected\tvariant\tlatin")
    n = 0
    for (tag, name, latin), hit in zip(cands, listed):
        if hit:
            continue
        n += 1
        kind = "entity" if tag.endswith("-org") else "person"
        print(f"xi-{tag}-{n:04d}\t{name}\t{kind}\t-\tinnocent:{tag}\t{latin}")
    print(f"{n} of {len(cands)} kept; {sum(listed)} alert in Latin letters", file=sys.stderr)


if __name__ == "__main__":
    main()
