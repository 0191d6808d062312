"""Round 3 of the Dutch scrubber corpus: anonymous reflections from the zelftoets, written blind
on 2026-12-07 by someone who did not read the scrubber, its name lists or the earlier cases.

TUNE may be used to improve the scrubber. HOLDOUT must never be used for tuning: only run it to
report how the scrubber does on material nobody tuned on. Both halves were written as pairs of
similar texts and then split, so their scores should be comparable.

Format as in scrub_corpus.py: pd() names the exact substrings that must disappear (with their
category) and substrings that must survive; ok() texts must come back unchanged.

Category choices: there is no category for staff numbers (personeelsnummer), driving-licence
numbers or identity-card numbers, so they are DOC; a postcode on its own is ADDRESS; for a full
address the street with its number and the postcode are marked separately (both must go), the
city is left unmarked either way. An internal phone extension ("toestel 4567") is not used: on
its own it does not identify anyone. A phone number written out in words is PHONE.

DESCRIPTIONS holds indirect descriptions of the writer. They are not direct identifiers (the form
warns about them instead of removing anything) and are not scored.

Synthetic data only: the BSNs pass the eleven test and the IBANs pass mod-97, but they belong to
no one as far as we know; names, phone numbers, addresses and accounts are made up."""

from tests.scrub_corpus import (
    ADDRESS,
    BIRTH,
    BSN,
    DOC,
    IBAN,
    IP,
    MAIL,
    NAME,
    PHONE,
    PLATE,
    PROFILE,
    Case,
    ok,
    pd,
)

TUNE: list[Case] = [
    pd(
        "ik sprak ans erover bij de koffie en zij zei meteen: niet doen, denk aan je "
        "leidinggevende",
        (NAME, "ans"),
    ),
    pd(
        "Heb het bericht eerst laten lezen aan lotte van den berg van communicatie. Die vond het "
        "prima, maar jeroen twijfelde.",
        (NAME, "lotte van den berg"),
        (NAME, "jeroen"),
        keep=("van communicatie",),
    ),
    pd(
        "Als mevrouw van der Linden dit in de krant zou lezen, zou ze me er zeker op aanspreken. "
        "Zij is tenslotte de woordvoerder van de minister.",
        (NAME, "van der Linden"),
        keep=("van de minister",),
    ),
    pd(
        "Wie wil napraten: bel me op 06-28473915 of mail s.bakker@minbzk.nl. Sanne",
        (PHONE, "06-28473915"),
        (MAIL, "s.bakker@minbzk.nl"),
        (NAME, "Sanne"),
    ),
    pd(
        "Storm zei dat ik het gewoon moest posten, maar ik kijk liever eerst de kat uit de boom.",
        (NAME, "Storm"),
    ),
    pd(
        "Ik heb een screenshot gestuurd naar j.jansen[at]rijksoverheid.nl en nog geen reactie "
        "gehad. Joost zegt dat dat normaal is.",
        (MAIL, "j.jansen[at]rijksoverheid.nl"),
        (NAME, "Joost"),
    ),
    pd(
        "Op de foto van mijn bureau stond mijn BSN 676342048 op een brief, en door het raam was "
        "mijn auto met kenteken GZ-857-K te zien. Fout van mij.",
        (BSN, "676342048"),
        (PLATE, "GZ-857-K"),
    ),
    pd(
        "Mail me gerust: jan punt jansen at minbzk punt nl (werk) of pietje1984@gmail.com (privé).",
        (MAIL, "jan punt jansen at minbzk punt nl"),
        (MAIL, "pietje1984@gmail.com"),
    ),
    pd(
        "Ik ben op 12 maart 1979 geboren en voel me soms te oud voor TikTok 😅",
        (BIRTH, "12 maart 1979"),
        keep=("TikTok",),
    ),
    pd(
        "mijn man Bas vindt dat ik me veel te druk maak om één LinkedIn-bericht, maar mijn zus "
        "noor snapt het wel",
        (NAME, "Bas"),
        (NAME, "noor"),
        keep=("LinkedIn-bericht",),
    ),
    pd(
        "Volg me op @jdevries_bzk, daar deel ik alleen vakinhoudelijke dingen. Mijn collega Tim "
        "volgt me ook.",
        (PROFILE, "@jdevries_bzk"),
        (NAME, "Tim"),
    ),
    pd(
        "Gesprek gehad met Wim van de afdeling Juridische Zaken. Hij adviseerde om de naam van de "
        "gemeente weg te laten.",
        (NAME, "Wim"),
        keep=("van de afdeling Juridische Zaken",),
    ),
    pd(
        "Mijn IBAN NL86ABNA8543634076 stond in een screenshot van een declaratie die ik in de "
        "groepsapp van het team deelde.",
        (IBAN, "NL86ABNA8543634076"),
    ),
    pd(
        "Roos en ik twijfelden allebei, dus hebben we het aan onze manager Peter-Jan Visscher "
        "voorgelegd.",
        (NAME, "Roos"),
        (NAME, "Peter-Jan Visscher"),
    ),
    pd(
        "Bel gerust: +31 6 4172 3390 (privé) of 070 - 348 12 67 (werk).",
        (PHONE, "+31 6 4172 3390"),
        (PHONE, "070 - 348 12 67"),
    ),
    pd(
        "Mijn collega Iris Dekker-van Dam had me gewaarschuwd voor precies dit soort reacties.",
        (NAME, "Iris Dekker-van Dam"),
    ),
    pd(
        "geb. 03-04-1985, en pas sinds dit jaar op X. Blijkbaar heb ik nog veel te leren.",
        (BIRTH, "03-04-1985"),
        keep=("op X.",),
    ),
    pd(
        "Ik had mijn personeelsnummer 7654321 in de tweet gezet omdat P-Direkt niet reageerde. "
        "Dom natuurlijk.",
        (DOC, "7654321"),
        keep=("P-Direkt",),
    ),
    pd(
        "Thuisadres Kerkstraat 5a, 6711 AB Ede stond onder mijn verkoopadvertentie, die ik ook "
        "vanaf mijn werkaccount deelde.",
        (ADDRESS, "Kerkstraat 5a"),
        (ADDRESS, "6711 AB"),
    ),
    pd(
        "De Jong, mijn afdelingshoofd, had dezelfde post al geliket. Meneer Yılmaz van de OR vond "
        "het een goed punt maar de toon te fel.",
        (NAME, "De Jong"),
        (NAME, "Yılmaz"),
        keep=("mijn afdelingshoofd", "van de OR"),
    ),
    pd(
        "0031687204561 is mijn nummer voor wie wil sparren over ambtelijk vakmanschap. Groeten, "
        "Fleur Nguyen",
        (PHONE, "0031687204561"),
        (NAME, "Fleur Nguyen"),
    ),
    pd(
        "Ik heb op 3 mei gepost, maar mijn geboortedatum 17/11/1968 stond nog gewoon in mijn "
        "profiel.",
        (BIRTH, "17/11/1968"),
        keep=("3 mei",),
    ),
    pd(
        "Via linkedin.com/in/sanne-bakker-4b21a7 kun je zien wat ik bedoel: daar reageerde Ahmed "
        "El Khattabi heel fel.",
        (PROFILE, "linkedin.com/in/sanne-bakker-4b21a7"),
        (NAME, "Ahmed El Khattabi"),
    ),
    pd(
        "Mevrouw De Koning van de kabinetsafdeling zag de post en belde me direct op mijn 06.",
        (NAME, "De Koning"),
        keep=("van de kabinetsafdeling", "mijn 06"),
    ),
    pd(
        "Op de foto van de verkeerscontrole die ik grappig bedoeld deelde, waren mijn "
        "rijbewijsnummer 5123456789 en mijn kenteken 87-JPL-4 te lezen.",
        (DOC, "5123456789"),
        (PLATE, "87-JPL-4"),
    ),
    pd(
        "Het paspoort op de foto had nummer NXC3F7L21. Dat had ik echt moeten blurren, zei Eva "
        "ook.",
        (DOC, "NXC3F7L21"),
        (NAME, "Eva"),
    ),
    pd(
        "Mijn thuis-IP 84.106.23.191 stond in een screenshot van een foutmelding die ik op Reddit "
        "postte.",
        (IP, "84.106.23.191"),
        keep=("Reddit",),
    ),
    pd(
        "Anouk, Mo en Jeroen de Boer lazen mee en vonden het allemaal oké, dus ik heb op "
        "verzenden gedrukt.",
        (NAME, "Anouk"),
        (NAME, "Mo"),
        (NAME, "Jeroen de Boer"),
    ),
    pd(
        "mijn schoonvader Gerrit van 't Hof deelde mijn bericht met zijn hele kerkgemeenschap, "
        "dat was niet de bedoeling",
        (NAME, "Gerrit van 't Hof"),
    ),
    pd(
        "BSN: 6235.01.971 – stond op het formulier dat ik als voorbeeld gebruikte. Niet slim.",
        (BSN, "6235.01.971"),
    ),
    pd(
        "Ik heb de post aangepast nadat A.M. Bouzid me erop wees dat de cijfers nog niet openbaar "
        "waren.",
        (NAME, "A.M. Bouzid"),
    ),
    pd(
        "Mijn nichtje hanna woont op Van Speijkstraat 88-II en herkende meteen het plein op mijn "
        "foto.",
        (NAME, "hanna"),
        (ADDRESS, "Van Speijkstraat 88-II"),
    ),
    pd(
        "Rekeningnummer NL79 INGB 5651 6061 13 stond in de crowdfunding die ik voor de buurvrouw "
        "deelde, samen met haar adres Oudegracht 231bis.",
        (IBAN, "NL79 INGB 5651 6061 13"),
        (ADDRESS, "Oudegracht 231bis"),
    ),
    pd(
        "Ik woon in 7411 GB en herkende de straat meteen op de foto die dirk deelde.",
        (ADDRESS, "7411 GB"),
        (NAME, "dirk"),
    ),
    pd(
        "Geboren 1 januari '90, dus ik ben opgegroeid met Hyves en vind dat mijn generatie veel te "
        "makkelijk post.",
        (BIRTH, "1 januari '90"),
        keep=("Hyves",),
    ),
    pd(
        "Mijn vrouw Amber zei: als Koos van Dijk dit leest, ben je je baan kwijt.",
        (NAME, "Amber"),
        (NAME, "Koos van Dijk"),
    ),
    pd(
        "Tel 06 19 83 72 40, e-mail M.ElHaddad@duo.nl, voor wie mijn reflectie wil bespreken. "
        "Groet, Mohamed El Haddad",
        (PHONE, "06 19 83 72 40"),
        (MAIL, "M.ElHaddad@duo.nl"),
        (NAME, "Mohamed El Haddad"),
    ),
    pd(
        "Mijn ID-kaart (IR4K8P2C7) lag op tafel tijdens de livestream en mijn pers.nr. 1234567 "
        "stond op de badge ernaast. In de chat noemde iemand zelfs mijn IP-adres: 145.21.188.4.",
        (DOC, "IR4K8P2C7"),
        (DOC, "1234567"),
        (IP, "145.21.188.4"),
    ),
    pd(
        "sterre uit mijn team vond het grappig, mijn manager Hoop van der Meer iets minder.",
        (NAME, "sterre"),
        (NAME, "Hoop van der Meer"),
    ),
    pd(
        "Collega's Ruud, Sevda en Priya Ramdin van de Belastingdienst in Apeldoorn hebben me "
        "allemaal aangeraden het niet te doen.",
        (NAME, "Ruud"),
        (NAME, "Sevda"),
        (NAME, "Priya Ramdin"),
        keep=("Belastingdienst", "Apeldoorn"),
    ),
    pd(
        "De header van de doorgestuurde mail bevatte 2a02:a46f:1c2:0:5d1:3e2f:9b7:1200 en mijn "
        "telefoonnummer 0612873344.",
        (IP, "2a02:a46f:1c2:0:5d1:3e2f:9b7:1200"),
        (PHONE, "0612873344"),
    ),
    pd(
        "Mijn buurman, meneer Kowalski, zag mijn kenteken hx-412-n in mijn story en vond dat niet "
        "oké.",
        (NAME, "Kowalski"),
        (PLATE, "hx-412-n"),
    ),
    pd(
        "Ik vroeg het aan kees en aan thijs, allebei zeiden ze: wachten tot na de verkiezingen. "
        "Daarna nog laten lezen aan mark, die meer verstand heeft van de Woo dan ik.",
        (NAME, "kees"),
        (NAME, "thijs"),
        (NAME, "mark"),
        keep=("Woo",),
    ),
    pd(
        "BSN 956 354 117 en IBAN nl27snsb6909832599 stonden allebei op de loonstrook die ik per "
        "ongeluk deelde.",
        (BSN, "956 354 117"),
        (IBAN, "nl27snsb6909832599"),
    ),
    pd(
        "Dank aan Sanne, Jasper en Karin van HR voor het meedenken! Vragen? "
        "kees_dekker@hotmail.com",
        (NAME, "Sanne"),
        (NAME, "Jasper"),
        (NAME, "Karin"),
        (MAIL, "kees_dekker@hotmail.com"),
        keep=("van HR",),
    ),
    pd(
        "Mijn oud-collega J.P. de Graaf van Rijkswaterstaat had het al eerder gepost op "
        "tiktok.com/@ambtenaar_anouk, dus ik dacht dat het kon.",
        (NAME, "J.P. de Graaf"),
        (PROFILE, "tiktok.com/@ambtenaar_anouk"),
        keep=("Rijkswaterstaat",),
    ),
    pd(
        "Vanaf volgende week ben ik bereikbaar op +31(0)6-52981736 of via (030) 274 19 83, vraag "
        "naar Esther.",
        (PHONE, "+31(0)6-52981736"),
        (PHONE, "(030) 274 19 83"),
        (NAME, "Esther"),
    ),
    pd(
        "nummer is nul zes een negen vier vier twee acht zeven drie, bel me maar als je meer wilt "
        "weten over hoe het afliep",
        (PHONE, "nul zes een negen vier vier twee acht zeven drie"),
    ),
    pd(
        "Het BSN 158137930 van mijn moeder stond op de brief van de SVB die ik op Facebook zette "
        "om "
        "te klagen. Haar IBAN NL51RABO0026584121 ook.",
        (BSN, "158137930"),
        (IBAN, "NL51RABO0026584121"),
        keep=("SVB", "Facebook"),
    ),
    pd(
        "De foto was gemaakt voor ons huis, Laan van Meerdervoort 1021, 2564 AG Den Haag, met de "
        "bus van mijn werk ervoor (XK-12-PB).",
        (ADDRESS, "Laan van Meerdervoort 1021"),
        (ADDRESS, "2564 AG"),
        (PLATE, "XK-12-PB"),
    ),
    pd(
        "Mijn geboortedatum (1991-07-23) en mijn Instagram instagram.com/lotte.vdberg stonden "
        "allebei openbaar; dat heb ik nu afgeschermd.",
        (BIRTH, "1991-07-23"),
        (PROFILE, "instagram.com/lotte.vdberg"),
        keep=("mijn Instagram",),
    ),
    pd(
        "Stuur je reactie naar r.de.graaf AT minfin DOT nl, niet naar de algemene inbox.",
        (MAIL, "r.de.graaf AT minfin DOT nl"),
    ),
    pd(
        "Na een reactie van henk.jan.mulder@minvws.nl en een DM van mastodon.social/@kdekker heb "
        "ik de tweet aangepast.",
        (MAIL, "henk.jan.mulder@minvws.nl"),
        (PROFILE, "mastodon.social/@kdekker"),
    ),
    pd(
        "Postcode 2595AA, mocht iemand de taart willen komen brengen die ik in mijn post beloofde "
        "🎂",
        (ADDRESS, "2595AA"),
    ),
    pd(
        "Mijn BSN 813829495 en ons gezamenlijke rekeningnummer NL89 TRIO 1133 0070 33 stonden in "
        "beeld tijdens mijn Teams-presentatie, die iemand opnam.",
        (BSN, "813829495"),
        (IBAN, "NL89 TRIO 1133 0070 33"),
        keep=("Teams-presentatie",),
    ),
    # Ordinary texts: must come back unchanged.
    ok(
        "Ik twijfelde of ik mijn mening over het nieuwe thuiswerkbeleid op linkedin moest delen.. "
        "uiteindelijk niet gedaan"
    ),
    ok(
        "De krantentest hielp echt: zou ik dit ook durven als het morgen in de Volkskrant stond? "
        "Nee dus."
    ),
    ok("Hoop dat niemand het screenshot heeft gemaakt voordat ik het verwijderde."),
    ok(
        "Op 12 maart heb ik iets gepost over de Belastingdienst en pas op 14 maart kreeg ik er "
        "vragen over."
    ),
    ok(
        "Mijn leidinggevende zei dat artikel 125a Ambtenarenwet over de vrijheid van meningsuiting "
        "gaat, maar dat er grenzen zijn."
    ),
    ok(
        "Ik stond vanochtend bij de bakker en hoorde twee mensen over mijn tweet praten. Raar "
        "gevoel."
    ),
    ok("3 tweets, 10 minuten werk, en daarna een week lang gedoe. Nooit meer in de trein posten."),
    ok(
        "Wil het eigenlijk niet, maar soms moet je iets zeggen als het over je eigen vakgebied "
        "gaat."
    ),
    ok(
        "as I said before: think before you post. Geldt voor ambtenaren nog meer dan voor Jan "
        "Modaal."
    ),
    ok("Ik werk sinds 01-03-2022 bij DUO in Groningen en dit was mijn eerste twijfelgeval."),
    ok(
        "Het bericht ging over de Tweede Kamer en de Kamerbrief van vorige week. Misschien toch te "
        "politiek."
    ),
    ok(
        "#ambtenaar #werkenbijhetrijk – ik gebruik die hashtags nu niet meer bij persoonlijke "
        "meningen."
    ),
    ok(
        "Een storm aan reacties, alsof ik iets over de koning had gezegd. Het ging gewoon over de "
        "vrijdagmiddagborrel 😬"
    ),
    ok(
        "Mijn manager gaf groen licht, maar mijn collega's vonden het toch niet kunnen. Wie heeft "
        "er nu gelijk?"
    ),
    ok("Om 14:30 gepost, om 15:00 al 1.200 views. Om 16:00 heb ik het verwijderd."),
    ok(
        "Zou ik mijn collega's nog recht in de ogen kunnen kijken? Eerlijk gezegd: ja, maar met "
        "een ongemakkelijk gevoel."
    ),
    ok(
        "De Rijksoverheid heeft een handreiking voor sociale media, maar die had ik nog nooit "
        "gelezen. Versie 2.1 nu wel."
    ),
    ok(
        "Ik heb het in Jip-en-Janneketaal proberen uit te leggen, maar het werd daardoor juist te "
        "stellig."
    ),
    ok(
        "Een berg werk en dan ook nog discussie op Twitter (of X, zoals het nu heet). Ik laat het "
        "voortaan gewoon."
    ),
    ok(
        "In 2023 heb ik iets vergelijkbaars gedaan en toen ging het goed. Dit keer was het "
        "onderwerp gevoeliger."
    ),
    ok(
        "Bij het ministerie van BZK is het gebruikelijk dat je eerst even met communicatie belt. "
        "Dat had ik moeten doen."
    ),
    ok(
        "Een Amber Alert delen voelt altijd goed, maar mijn eigen mening over het beleid is iets "
        "anders."
    ),
    ok(
        "Ik ben een echte pietje-precies met cijfers, dus ik schrok toen ik zag dat mijn grafiek "
        "niet klopte."
    ),
    ok("Week 50 was een drukke week. Misschien postte ik daarom zo snel zonder na te denken."),
    ok("Op Mastodon is het publiek kleiner, maar openbaar is openbaar. Dat besef ik nu pas."),
    ok(
        "De TikTok van een collega ging viral en toen dacht ik: dat wil ik ook. Slecht idee "
        "achteraf."
    ),
    ok(
        "Mijn vader zei altijd: wat je niet in de krant wilt lezen, moet je niet opschrijven. Hij "
        "had gelijk 👍"
    ),
    ok(
        "Ik begon op 3 april 1998 bij het Rijk en heb nog nooit zo'n twijfel gehad over een "
        "bericht."
    ),
    ok(
        "Ik zat in de file bij het Prins Clausplein toen ik het bericht schreef. Niet handig, ook "
        "niet veilig."
    ),
    ok(
        "Mijn reactie onder een post van de NOS was misschien te fel. Ik heb 'm aangepast van "
        "'schandalig' naar 'jammer'."
    ),
]

HOLDOUT: list[Case] = [
    pd(
        "ik heb het aan truus laten zien en die schrok zich rot",
        (NAME, "truus"),
    ),
    pd(
        "eerst even met daan de wit overlegd, hij zit bij de directie communicatie. fatima vond "
        "het overigens ook prima",
        (NAME, "daan de wit"),
        (NAME, "fatima"),
    ),
    pd(
        "Meneer van den Heuvel zou dit nooit goedkeuren, en hij is degene die mijn beoordeling "
        "schrijft.",
        (NAME, "van den Heuvel"),
    ),
    pd(
        "Vragen? 06-41928375 of p.devries@minjenv.nl. Groet, Pim",
        (PHONE, "06-41928375"),
        (MAIL, "p.devries@minjenv.nl"),
        (NAME, "Pim"),
    ),
    pd(
        "Sky vond het allemaal overdreven, maar ik heb de post toch maar een nachtje laten liggen.",
        (NAME, "Sky"),
    ),
    pd(
        "Ik heb het doorgestuurd naar t.yilmaz[at]uwv.nl, zij wist meer over de regels. Ook Bram "
        "kreeg een kopie.",
        (MAIL, "t.yilmaz[at]uwv.nl"),
        (NAME, "Bram"),
    ),
    pd(
        "Op de foto van mijn bureau was mijn BSN 112597968 leesbaar op een brief van de gemeente, "
        "en buiten stond mijn auto met kenteken TN-438-V.",
        (BSN, "112597968"),
        (PLATE, "TN-438-V"),
    ),
    pd(
        "Mailen kan naar marloes punt kuipers apenstaartje rws punt nl of privé naar "
        "bram.visser89@outlook.com",
        (MAIL, "marloes punt kuipers apenstaartje rws punt nl"),
        (MAIL, "bram.visser89@outlook.com"),
    ),
    pd(
        "Geboren op 29 februari 1988, dus officieel pas acht keer jarig geweest. Misschien daarom "
        "zo naïef op Instagram 🙈",
        (BIRTH, "29 februari 1988"),
        keep=("Instagram",),
    ),
    pd(
        "mijn vriend Teun vindt het allemaal onzin, maar mijn moeder iris vindt dat ik het moet "
        "verwijderen",
        (NAME, "Teun"),
        (NAME, "iris"),
    ),
    pd(
        "Ik post onder @marloes_rws en mijn teamgenoot Luuk leest altijd mee.",
        (PROFILE, "@marloes_rws"),
        (NAME, "Luuk"),
    ),
    pd(
        "Kort gebeld met Henk van Financiën, hij zei dat de bedragen al in de begroting stonden.",
        (NAME, "Henk"),
        keep=("van Financiën",),
    ),
    pd(
        "In de screenshot van mijn betaalverzoek stond mijn IBAN NL27ASNB7093605729, dat had ik "
        "niet door.",
        (IBAN, "NL27ASNB7093605729"),
    ),
    pd(
        "Jade en ik hebben het samen aan onze manager Willem-Jan Brouwer voorgelegd voordat we het "
        "plaatsten.",
        (NAME, "Jade"),
        (NAME, "Willem-Jan Brouwer"),
    ),
    pd(
        "Bereikbaar op +31 6 2387 1045 (mobiel) en 088 - 372 8810 (kantoor).",
        (PHONE, "+31 6 2387 1045"),
        (PHONE, "088 - 372 8810"),
    ),
    pd(
        "Mijn collega Mei Chen-Wolters wees me erop dat de cijfers nog onder embargo waren.",
        (NAME, "Mei Chen-Wolters"),
    ),
    pd(
        "geboortedatum 14-08-1972, sinds gisteren op Mastodon. Blijkbaar moet ik daar net zo "
        "voorzichtig zijn als op X.",
        (BIRTH, "14-08-1972"),
        keep=("Mastodon", "op X."),
    ),
    pd(
        "Mijn personeelsnr 2281954 stond in de klacht die ik publiek deelde toen mijn salaris te "
        "laat was.",
        (DOC, "2281954"),
    ),
    pd(
        "Op mijn Marktplaats-advertentie stond Beukenlaan 3b, 6821 KN Arnhem, en die had ik ook op "
        "LinkedIn gedeeld.",
        (ADDRESS, "Beukenlaan 3b"),
        (ADDRESS, "6821 KN"),
        keep=("Marktplaats-advertentie", "LinkedIn"),
    ),
    pd(
        "Van der Meulen, hoofd van mijn directie, vond de toon prima. Mevrouw Öztürk van de "
        "ondernemingsraad vond het punt terecht, maar de woordkeus ongelukkig.",
        (NAME, "Van der Meulen"),
        (NAME, "Öztürk"),
        keep=("hoofd van mijn directie", "van de ondernemingsraad"),
    ),
    pd(
        "0031 6 1734 9982, voor iedereen die ervaringen wil uitwisselen. Hartelijke groet, Niels "
        "Kramer",
        (PHONE, "0031 6 1734 9982"),
        (NAME, "Niels Kramer"),
    ),
    pd(
        "Gepost op 21 november, maar geb. 22.10.1995 stond nog in mijn bio.",
        (BIRTH, "22.10.1995"),
        keep=("21 november",),
    ),
    pd(
        "Zie https://nl.linkedin.com/in/tyilmaz voor de discussie; Ingrid van Asperen reageerde "
        "daar nogal fel.",
        (PROFILE, "https://nl.linkedin.com/in/tyilmaz"),
        (NAME, "Ingrid van Asperen"),
    ),
    pd(
        "Mevrouw De Haan van het bureau integriteit zag de post en stuurde me een berichtje op "
        "Teams.",
        (NAME, "De Haan"),
        keep=("van het bureau integriteit", "Teams"),
    ),
    pd(
        "Op de foto van mijn nieuwe rijbewijs was het nummer 4409813276 leesbaar, net als het "
        "kenteken kz-91-rd van de lesauto.",
        (DOC, "4409813276"),
        (PLATE, "kz-91-rd"),
    ),
    pd(
        "Paspoortnummer BP7D2KJ83 stond gewoon op de foto van mijn vakantievoorbereiding. "
        "Gelukkig zag Rik het op tijd.",
        (DOC, "BP7D2KJ83"),
        (NAME, "Rik"),
    ),
    pd(
        "In mijn screenshot van de VPN-foutmelding stond mijn IP-adres 77.169.45.210, en dat "
        "deelde ik op een forum.",
        (IP, "77.169.45.210"),
    ),
    pd(
        "Yusuf, Jo en Marieke van Dalen hebben het gelezen en zagen er geen probleem in.",
        (NAME, "Yusuf"),
        (NAME, "Jo"),
        (NAME, "Marieke van Dalen"),
    ),
    pd(
        "mijn opa Kees van 't Veld heeft mijn post geprint en op de verjaardag laten rondgaan 🙃",
        (NAME, "Kees van 't Veld"),
    ),
    pd(
        "Op het formulier dat ik als voorbeeld liet zien stond nog BSN 2730.70.411. Echt een "
        "beginnersfout.",
        (BSN, "2730.70.411"),
    ),
    pd(
        "De post is offline gehaald nadat mr. K.L. Peeters van Juridische Zaken me erop aansprak.",
        (NAME, "K.L. Peeters"),
        keep=("Juridische Zaken",),
    ),
    pd(
        "Mijn neef sem woont aan de Jan van Nassaustraat 101 en herkende de voordeur op mijn foto.",
        (NAME, "sem"),
        (ADDRESS, "Jan van Nassaustraat 101"),
    ),
    pd(
        "Rekeningnummer NL60 KNAB 8089 6414 91 stond in de inzamelingsactie die ik deelde, samen "
        "met het adres Wilhelminapark 8.",
        (IBAN, "NL60 KNAB 8089 6414 91"),
        (ADDRESS, "Wilhelminapark 8"),
    ),
    pd(
        "Wij wonen in 9712 GH en de buren herkenden de straat op de foto die kim op Facebook "
        "zette.",
        (ADDRESS, "9712 GH"),
        (NAME, "kim"),
        keep=("Facebook",),
    ),
    pd(
        "Ik ben van 6 juni 1983 en heb nog geleerd dat je niet alles moet opschrijven. Toch ging "
        "het mis.",
        (BIRTH, "6 juni 1983"),
    ),
    pd(
        "Mijn man Joris zei: als Anja Smit dit ziet, heb je een probleem.",
        (NAME, "Joris"),
        (NAME, "Anja Smit"),
    ),
    pd(
        "Telefoon 06 43 21 98 76, mail H.Bouzid@cjib.minjus.nl, voor wie erover wil praten. Met "
        "vriendelijke groet, Hamza Bouzid",
        (PHONE, "06 43 21 98 76"),
        (MAIL, "H.Bouzid@cjib.minjus.nl"),
        (NAME, "Hamza Bouzid"),
    ),
    pd(
        "Mijn ID-kaart IH2NR58T1 en mijn pnr 3098712 stonden op de foto van mijn werkplek, en op "
        "het scherm erachter was het IP-adres 213.127.66.18 te lezen.",
        (DOC, "IH2NR58T1"),
        (DOC, "3098712"),
        (IP, "213.127.66.18"),
    ),
    pd(
        "puck vond de post geweldig, mijn teamleider Bart-Jan ter Haar wat minder.",
        (NAME, "puck"),
        (NAME, "Bart-Jan ter Haar"),
    ),
    pd(
        "Collega's Said, Wendy en Rohan Soekhai van DUO in Groningen raadden het me alle drie af.",
        (NAME, "Said"),
        (NAME, "Wendy"),
        (NAME, "Rohan Soekhai"),
        keep=("DUO", "Groningen"),
    ),
    pd(
        "In de doorgestuurde mail stonden 2001:1c00:2a10:ee00:4d1:77ff:fe3a:91c2 en mijn "
        "06-nummer 0657302918.",
        (IP, "2001:1c00:2a10:ee00:4d1:77ff:fe3a:91c2"),
        (PHONE, "0657302918"),
        keep=("06-nummer",),
    ),
    pd(
        "Onze buurvrouw mevrouw Schouten zag mijn kenteken H-802-FL op de foto van de oprit.",
        (NAME, "Schouten"),
        (PLATE, "H-802-FL"),
    ),
    pd(
        "ik heb het aan wouter en aan lieke gevraagd en die zeiden allebei: gewoon niet doen. "
        "daarna ook nog voorgelegd aan guus, die weet alles van de Ambtenarenwet",
        (NAME, "wouter"),
        (NAME, "lieke"),
        (NAME, "guus"),
        keep=("Ambtenarenwet",),
    ),
    pd(
        "BSN 814 272 587 en IBAN NL76BUNQ3593320726 stonden op de loonstrook die ik per ongeluk in "
        "de groepsapp deelde.",
        (BSN, "814 272 587"),
        (IBAN, "NL76BUNQ3593320726"),
    ),
    pd(
        "Veel dank aan Nadia, Sven en Ilse van de juristen! Reageren kan via "
        "sjaak-vd-heuvel@live.nl",
        (NAME, "Nadia"),
        (NAME, "Sven"),
        (NAME, "Ilse"),
        (MAIL, "sjaak-vd-heuvel@live.nl"),
        keep=("van de juristen",),
    ),
    pd(
        "Mijn oud-collega W. de Groot van de IND deelde het al eerder op "
        "instagram.com/noortje.schrijft, dus ik dacht dat het mocht.",
        (NAME, "W. de Groot"),
        (PROFILE, "instagram.com/noortje.schrijft"),
        keep=("IND",),
    ),
    pd(
        "Bereikbaar op +31 (0)6 3912 8845 of (050) 318 44 21; vraag naar Annemiek.",
        (PHONE, "+31 (0)6 3912 8845"),
        (PHONE, "(050) 318 44 21"),
        (NAME, "Annemiek"),
    ),
    pd(
        "mijn nummer: nul zes, vier acht, drie een, zeven zeven, nul twee. app maar",
        (PHONE, "nul zes, vier acht, drie een, zeven zeven, nul twee"),
    ),
    pd(
        "Het BSN 940559389 van mijn vader stond op de brief van het CAK die ik op X zette om te "
        "klagen, en zijn IBAN nl31 rbrb 2619 9560 89 ook.",
        (BSN, "940559389"),
        (IBAN, "nl31 rbrb 2619 9560 89"),
        keep=("CAK",),
    ),
    pd(
        "Mijn foto is gemaakt voor ons huis, Spui 21-3, 1012 WX Amsterdam, met de dienstauto "
        "(5-TXB-31) ervoor.",
        (ADDRESS, "Spui 21-3"),
        (ADDRESS, "1012 WX"),
        (PLATE, "5-TXB-31"),
    ),
    pd(
        "Mijn geboortedatum 5 mei '67 en www.facebook.com/henk.vanleeuwen.71 stonden gewoon "
        "openbaar; nu niet meer.",
        (BIRTH, "5 mei '67"),
        (PROFILE, "www.facebook.com/henk.vanleeuwen.71"),
    ),
    pd(
        "Reacties graag naar l.peters AT ind DOT nl, niet naar de teammailbox.",
        (MAIL, "l.peters AT ind DOT nl"),
    ),
    pd(
        "Na een mail van fam.vanleeuwen@kpnmail.nl en een reactie van @evamulder@mastodon.nl heb "
        "ik het bericht aangepast.",
        (MAIL, "fam.vanleeuwen@kpnmail.nl"),
        (PROFILE, "@evamulder@mastodon.nl"),
    ),
    pd(
        "Postcode 1017XN, voor wie de beloofde stroopwafels wil ophalen 😄",
        (ADDRESS, "1017XN"),
    ),
    pd(
        "Tijdens mijn Teams-presentatie stonden mijn BSN 407131279 en ons rekeningnummer "
        "NL74 ABNA 0672 8445 78 in beeld.",
        (BSN, "407131279"),
        (IBAN, "NL74 ABNA 0672 8445 78"),
        keep=("Teams-presentatie",),
    ),
    # Ordinary texts: must come back unchanged.
    ok(
        "wilde op linkedin reageren op de nieuwe cao maar heb het toch bij een like gelaten, "
        "beetje laf misschien"
    ),
    ok("Als dit in het AD had gestaan, had ik me flink geschaamd. Dat is voor mij genoeg reden."),
    ok("Hoop eigenlijk dat het niemand is opgevallen, maar ik vrees van wel."),
    ok("Op 5 juni gepost, op 7 juni een gesprek met mijn leidinggevende. Achteraf heel leerzaam."),
    ok(
        "Volgens de Gedragscode Integriteit Rijk moet je terughoudend zijn bij uitingen over je "
        "eigen werkterrein. Dat wist ik niet."
    ),
    ok("Stond vanmiddag bij de visser op de markt en iemand sprak me aan op mijn post. Best eng."),
    ok(
        "Post je iets over je werk, dan ben je altijd ook ambtenaar. 2 posts en 45 minuten "
        "discussie in de comments hebben me dat geleerd."
    ),
    ok("Wil niet overdreven klinken, maar ik heb er die nacht slecht van geslapen."),
    ok("To be frank: I will never post about work again. Nou ja, bijna nooit."),
    ok("Sinds 15-09-2019 werk ik bij het UWV en dit is de eerste keer dat ik deze toets invul."),
    ok(
        "Mijn post ging over een debat in de Eerste Kamer. Ik vond het zelf feitelijk, mijn "
        "teamleider vond het politiek."
    ),
    ok(
        "#rijksambtenaar #nieuwsgierig 🤔 die tags laat ik voortaan weg als ik iets persoonlijks "
        "vind."
    ),
    ok("Het was een storm in een glas water, maar het voelde destijds als een crisis."),
    ok("Mijn teamleider gaf geen groen licht, dus ik heb het niet geplaatst. Goed zo, denk ik."),
    ok("Om 08:15 geplaatst, om 09:40 had ik al een mail van de afdeling communicatie. Snel hoor."),
    ok(
        "Kan ik mijn collega's nog aankijken? Ja. Kan mijn manager achter deze post staan? "
        "Waarschijnlijk niet."
    ),
    ok(
        "Op het intranet van de Rijksoverheid staat een goede checklist, maar die vond ik pas "
        "achteraf."
    ),
    ok(
        "Voor Jan en alleman zichtbaar, dat vergeet je snel als je alleen je eigen volgers in "
        "gedachten hebt."
    ),
    ok(
        "De bas van de muziek in mijn filmpje was zo hard dat je de collega's op de achtergrond "
        "niet kon verstaan. Gelukkig."
    ),
    ok("In 2021 was ik nog heel actief op Twitter, nu lees ik vooral mee. Scheelt een hoop gedoe."),
    ok(
        "Bij Rijkswaterstaat hebben we een Teams-kanaal waar je zulke twijfels kunt voorleggen. "
        "Had ik moeten gebruiken."
    ),
    ok(
        "Eén roos in een vaas op mijn bureau stond op de foto, verder niets herkenbaars. Toch "
        "twijfelde ik."
    ),
    ok(
        "Jantje lacht, Jantje huilt: eerst vond ik mijn post geweldig, een uur later schaamde ik "
        "me."
    ),
    ok(
        "Week 12, vlak na de verkiezingen. Iedereen was gespannen en ik had beter mijn mond kunnen "
        "houden."
    ),
    ok("Op Bluesky voelt het minder openbaar, maar dat is natuurlijk niet zo."),
    ok(
        "De Instagram-story van een bekende influencer inspireerde me. Maar ik ben geen "
        "influencer, ik ben ambtenaar."
    ),
    ok("Mijn moeder zegt altijd: eerst denken, dan doen. Had ik maar geluisterd 🙈"),
    ok(
        "Op 1 oktober 2015 ben ik bij de IND begonnen en ik heb nooit eerder iets over mijn werk "
        "gepost."
    ),
    ok("Ik stond bij de Dirk in de rij toen ik de reacties las. Meteen de app dichtgedaan."),
    ok(
        "Na update 10.0.22631.4460 van Windows deed Teams raar en ging mijn conceptbericht per "
        "ongeluk de deur uit."
    ),
]

# Indirect descriptions of the writer: not direct identifiers, not scored.
DESCRIPTIONS: list[str] = [
    "Ik ben de enige dove medewerker bij de Belastingdienst in Apeldoorn, dus iedereen weet meteen "
    "wie dit schrijft.",
    "Als enige vrouwelijke directeur bij Rijkswaterstaat in Zeeland word ik altijd herkend als ik "
    "iets post.",
    "Ik ben de woordvoerder van de staatssecretaris van Financiën, dus alles wat ik post wordt "
    "meteen aan mij gekoppeld.",
    "Onze teamleider, die vorig jaar de verkiezing Ambtenaar van het Jaar won, vond mijn bericht "
    "te fel.",
    "Ik ben het jongste afdelingshoofd ooit bij DUO en zit sinds vorig jaar in een rolstoel, dus "
    "op elke foto herken je me.",
]
